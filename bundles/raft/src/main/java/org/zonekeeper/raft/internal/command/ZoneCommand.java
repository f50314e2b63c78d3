package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.serializer.CatalystSerializable;
import io.atomix.copycat.Command;

/** A change to the zone, written to the Raft log and applied by every server in log order. */
public abstract class ZoneCommand implements Command<Outcome>, CatalystSerializable {
}
