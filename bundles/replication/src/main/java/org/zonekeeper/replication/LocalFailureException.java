package org.zonekeeper.replication;

/**
 * This server's own storage failed while applying or snapshotting (database down, disk full): the entry is not
 * applied. Never thrown for bad input, which the state refuses by value.
 */
public class LocalFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LocalFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
