package org.zonekeeper.store.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.fencing.FencingLevels;

/** The model's records from their rows, in the column order of {@link JdbcTables}' selects. */
final class Rows {

    private Rows() {
    }

    static HookExecution hookExecution(ResultSet rs) throws SQLException {
        return new HookExecution(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getLong(10),
                HookExecution.State.valueOf(rs.getString(11)), rs.getInt(12), rs.getString(13), rs.getString(14),
                rs.getString(15), rs.getInt(16), rs.getLong(17));
    }

    static Host host(ResultSet rs) throws SQLException {
        return new Host(rs.getLong(1), rs.getString(2), HostState.valueOf(rs.getString(3)), rs.getString(4),
                rs.getInt(5), rs.getLong(6), rs.getString(7), rs.getString(8), rs.getBoolean(9), rs.getLong(10),
                FencingLevels.parse(rs.getString(11)), rs.getLong(12), rs.getString(13), rs.getLong(14));
    }

    static Vm vm(ResultSet rs) throws SQLException {
        return new Vm(rs.getLong(1), rs.getString(2), VmState.valueOf(rs.getString(3)), rs.getLong(4), rs.getInt(5),
                rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getLong(9), rs.getLong(10), rs.getBoolean(11),
                rs.getInt(12));
    }
}
