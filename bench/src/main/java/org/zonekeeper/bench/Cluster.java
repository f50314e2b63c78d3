package org.zonekeeper.bench;

/** A 3-member Raft cluster on this machine whose members the benchmark can kill and start again. */
interface Cluster extends AutoCloseable {

    /** The member that is leader now, or -1 when none is known. */
    int leader();

    /** kill -9 of a member's process. */
    void kill(int member);

    /** Starts a killed member again. */
    void start(int member);

    /** Waits until every member is up and one of them leads; throws after a time. */
    void awaitHealthy();

    /** Stops every member. */
    @Override
    void close();
}
