package org.zonekeeper.api.config;

import org.zonekeeper.api.ZoneException;

/** A configuration value that cannot be used; the message is "PID: KEY: problem". */
public class InvalidConfigException extends ZoneException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidConfigException(String pid, String key, String problem) {
        super(pid + ": " + key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
