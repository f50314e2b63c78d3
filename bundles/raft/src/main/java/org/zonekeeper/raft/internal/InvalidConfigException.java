package org.zonekeeper.raft.internal;

import org.zonekeeper.api.ZoneException;

/** A configuration value that cannot be used; the message names the PID and the key. */
public class InvalidConfigException extends ZoneException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String key, String problem) {
        super(ZoneConfig.PID + ": " + key + ": " + problem);
    }
}
