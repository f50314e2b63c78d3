package org.zonekeeper.raft.internal.command;

/** Removes a VM. */
public final class DeleteVm extends RefCommand {

    public DeleteVm() {
    }

    public DeleteVm(String ref) {
        super(ref);
    }
}
