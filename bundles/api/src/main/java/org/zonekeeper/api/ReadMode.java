package org.zonekeeper.api;

/** LOCAL reads this server's database; CONSISTENT reads through the Raft leader (linearizable). */
public enum ReadMode {
    LOCAL, CONSISTENT
}
