package org.zonekeeper.api;

/** The named host, VM or server does not exist. */
public class NotFoundException extends ZoneException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
