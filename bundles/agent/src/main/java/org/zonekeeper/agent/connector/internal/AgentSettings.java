package org.zonekeeper.agent.connector.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.zonekeeper.api.config.ConfigValues;
import org.zonekeeper.api.fencing.Secret;

/** The checked content of {@link AgentConfig}. */
record AgentSettings(int port, Secret token, Duration requestTimeout, String diskDir) {

    static AgentSettings parse(Map<String, ?> properties, Path karafHome) {
        ConfigValues values = new ConfigValues(AgentConfig.PID, properties);
        Secret token = values.secretFile("token.file", "etc/agent.token", karafHome);
        if (token.isEmpty()) {
            throw values.invalid("token.file", karafHome.resolve(values.string("token.file", "etc/agent.token"))
                    + " is empty");
        }
        return new AgentSettings(values.integer("port", 8380, 1, 65535), token,
                values.millis("request.timeout.ms", 10000, 100), values.string("disk.dir",
                        "/var/lib/zonekeeper/datastore"));
    }
}
