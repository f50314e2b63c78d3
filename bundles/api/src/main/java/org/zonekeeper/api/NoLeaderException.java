package org.zonekeeper.api;

/** No leader answered within the request timeout: nothing was acknowledged. */
public class NoLeaderException extends ZoneException {
    private static final long serialVersionUID = 1L;

    public NoLeaderException(String message) {
        super(message);
    }
}
