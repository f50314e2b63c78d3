package org.zonekeeper.api;

/** A request the zone could not carry out; the message is meant for the operator. */
public class ZoneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ZoneException(String message) {
        super(message);
    }

    public ZoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
