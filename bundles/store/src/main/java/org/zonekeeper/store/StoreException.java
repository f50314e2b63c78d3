package org.zonekeeper.store;

import org.zonekeeper.api.ZoneException;

/** The local database failed: the server can no longer apply the log. */
public class StoreException extends ZoneException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
