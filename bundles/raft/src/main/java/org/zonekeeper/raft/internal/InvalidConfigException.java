package org.zonekeeper.raft.internal;

/** A value of {@code etc/org.zonekeeper.zone.cfg} that cannot be used. */
public class InvalidConfigException extends org.zonekeeper.api.config.InvalidConfigException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String key, String problem) {
        super(ZoneConfig.PID, key, problem);
    }
}
