package org.zonekeeper.api;

/**
 * This server's database: the last log index applied to it, and a digest of its replicated content
 * that is equal on every server that applied the same entries.
 */
public record DatabaseStatus(String database, long appliedIndex, String digest) {
}
