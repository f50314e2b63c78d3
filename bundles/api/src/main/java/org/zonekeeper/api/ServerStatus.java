package org.zonekeeper.api;

/**
 * Raft state of one server, as {@code zone:show} prints it. {@code vote} is the id of the server
 * voted for in {@code term}, -1 for none. {@code error} is non-null when the server did not answer.
 */
public record ServerStatus(int id, String name, String state, long term, long index, long commit, int vote,
        long fedIndex, String error) {

    public static ServerStatus unreachable(ZoneServer server, String error) {
        return new ServerStatus(server.id(), server.name(), "error", -1, -1, -1, -1, -1, error);
    }

    public boolean reachable() {
        return error == null;
    }
}
