package org.zonekeeper.agent;

import java.util.List;

/** What a deploy asks for: the VM's size, its disk file on shared storage, and optionally its command. */
record DeployRequest(String name, int cpu, long memoryMb, String disk, List<String> command) {
}
