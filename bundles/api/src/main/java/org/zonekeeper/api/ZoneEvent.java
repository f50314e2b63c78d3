package org.zonekeeper.api;

/**
 * Something that happened to the model, recorded in the replicated event log in commit order: {@code name} is
 * {@code TYPE/WHAT}, e.g. {@code HOST/ERROR}, {@code VM/RUNNING}, {@code API/CreateVm}. Hooks subscribe to names.
 */
public record ZoneEvent(long id, long time, String name, String objectType, long objectId, String objectName) {
}
