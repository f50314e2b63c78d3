package org.zonekeeper.api;

/** What an operator gives to create a VM; {@code host} (id or name) may be null for no placement. */
public record VmSpec(String name, int cpu, long memoryMb, long diskMb, String template, String host) {
}
