package org.zonekeeper.raft.internal.command;

/** Removes a host that runs no VM. */
public final class DeleteHost extends RefCommand {

    public DeleteHost() {
    }

    public DeleteHost(String ref) {
        super(ref);
    }
}
