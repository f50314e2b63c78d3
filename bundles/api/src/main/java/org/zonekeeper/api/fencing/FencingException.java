package org.zonekeeper.api.fencing;

/** A fencing operation that did not reach a confirmed result; the message is meant for the operator. */
public class FencingException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why it failed. None of these ever means "the host is off". */
    public enum Kind {
        /** The BMC refused the credentials or the privilege level. */
        AUTH,
        /** The BMC did not answer (connection refused, no route, no reply). */
        UNREACHABLE,
        /** The BMC answered but the operation or the expected power state did not complete in time. */
        TIMEOUT,
        /** The device or driver cannot do what was asked. */
        UNSUPPORTED,
        /** The BMC answered something the driver does not understand or an error status. */
        PROTOCOL,
        /** The device configuration is wrong or names a driver that is not installed. */
        CONFIG
    }

    private final Kind kind;

    public FencingException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public FencingException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + getMessage();
    }
}
