package org.zonekeeper.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.store.StoreException;
import org.zonekeeper.store.ZoneReader;
import org.zonekeeper.store.ZoneTransaction;

/** The model's rows over one JDBC connection. SQL failures become {@link StoreException}. */
public final class JdbcTables extends Sql implements ZoneTransaction, ZoneReader {

    private static final String HOST_COLUMNS =
            "id, name, state, cluster_name, cpu, memory_mb, vmm_driver, im_driver, enabled, updated, fencing_levels,"
                    + " monitored, address, fencing_attempt";
    private static final String HOOK_COLUMNS = "id, hook, event_id, event, object_type, object_id, object_name,"
            + " arguments, started, ended, state, exit_code, stdout, stderr, reason, attempt, retry_of";
    private static final String VM_COLUMNS = "id, name, state, host_id, cpu, memory_mb, disk_mb, template, updated,"
            + " placement, ha, priority";

    public JdbcTables(Connection connection) {
        super(connection);
    }

    @Override
    public long nextId(String sequence, long first) {
        List<Long> current = query("SELECT next_id FROM zk_sequence WHERE name = ?", rs -> rs.getLong(1), sequence);
        long id = current.isEmpty() ? first : current.get(0);
        if (current.isEmpty()) {
            update("INSERT INTO zk_sequence (name, next_id) VALUES (?, ?)", sequence, id + 1);
        } else {
            update("UPDATE zk_sequence SET next_id = ? WHERE name = ?", id + 1, sequence);
        }
        return id;
    }

    @Override
    public List<Host> hosts() {
        return query("SELECT " + HOST_COLUMNS + " FROM zk_host ORDER BY id", Rows::host);
    }

    @Override
    public Optional<Host> host(long id) {
        return first(query("SELECT " + HOST_COLUMNS + " FROM zk_host WHERE id = ?", Rows::host, id));
    }

    @Override
    public Optional<Host> hostByName(String name) {
        return first(query("SELECT " + HOST_COLUMNS + " FROM zk_host WHERE name_key = ?", Rows::host,
                Field.key(name)));
    }

    @Override
    public void putHost(Host h) {
        update("DELETE FROM zk_host WHERE id = ?", h.id());
        update("INSERT INTO zk_host (" + HOST_COLUMNS + ", name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                h.id(), h.name(), h.state().name(), h.cluster(), h.cpu(), h.memoryMb(), h.vmmDriver(), h.imDriver(), h.enabled(),
                h.updated(), h.fencingLevels().format(), h.monitored(), h.address(), h.fencingAttempt(),
                Field.key(h.name()));
    }

    @Override
    public int recordMonitored(Map<Long, Long> times) {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE zk_host SET monitored = ? WHERE id = ? AND monitored < ?")) {
            for (Map.Entry<Long, Long> t : times.entrySet()) {
                statement.setLong(1, t.getValue());
                statement.setLong(2, t.getKey());
                statement.setLong(3, t.getValue());
                statement.addBatch();
            }
            int changed = 0;
            for (int rows : statement.executeBatch()) {
                changed += Math.max(rows, 0);
            }
            return changed;
        } catch (SQLException e) {
            throw new StoreException("database update failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteHost(long id) {
        update("DELETE FROM zk_host WHERE id = ?", id);
    }

    @Override
    public List<Vm> vms() {
        return query("SELECT " + VM_COLUMNS + " FROM zk_vm ORDER BY id", Rows::vm);
    }

    @Override
    public Optional<Vm> vm(long id) {
        return first(query("SELECT " + VM_COLUMNS + " FROM zk_vm WHERE id = ?", Rows::vm, id));
    }

    @Override
    public Optional<Vm> vmByName(String name) {
        return first(query("SELECT " + VM_COLUMNS + " FROM zk_vm WHERE name_key = ?", Rows::vm, Field.key(name)));
    }

    @Override
    public List<Vm> vmsOnHost(long hostId) {
        return query("SELECT " + VM_COLUMNS + " FROM zk_vm WHERE host_id = ? ORDER BY id", Rows::vm, hostId);
    }

    @Override
    public void putVm(Vm v) {
        update("DELETE FROM zk_vm WHERE id = ?", v.id());
        update("INSERT INTO zk_vm (" + VM_COLUMNS + ", name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                v.id(), v.name(), v.state().name(), v.hostId(), v.cpu(), v.memoryMb(), v.diskMb(), v.template(),
                v.updated(), v.placement(), v.ha(), v.priority(), Field.key(v.name()));
    }

    @Override
    public void deleteVm(long id) {
        update("DELETE FROM zk_vm WHERE id = ?", id);
    }

    @Override
    public void addEvent(ZoneEvent e) {
        update("INSERT INTO zk_event (id, event_time, name, object_type, object_id, object_name) VALUES "
                + "(?, ?, ?, ?, ?, ?)", e.id(), e.time(), e.name(), e.objectType(), e.objectId(), e.objectName());
    }

    @Override
    public void pruneEvents(long belowId) {
        update("DELETE FROM zk_event WHERE id < ?", belowId);
    }

    @Override
    public List<ZoneEvent> events(long afterId, int max) {
        return query("SELECT id, event_time, name, object_type, object_id, object_name FROM zk_event WHERE id > ? "
                + "ORDER BY id LIMIT " + max, rs -> new ZoneEvent(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5), rs.getString(6)), afterId);
    }

    @Override
    public void putHookExecution(HookExecution h) {
        update("DELETE FROM zk_hook_exec WHERE id = ?", h.id());
        update("INSERT INTO zk_hook_exec (" + HOOK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?)", h.id(), h.hook(), h.eventId(), h.event(), h.objectType(), h.objectId(), h.objectName(),
                h.arguments(), h.started(), h.ended(), h.state().name(), h.exitCode(), h.stdout(), h.stderr(),
                h.reason(), h.attempt(), h.retryOf());
    }

    @Override
    public Optional<HookExecution> hookExecution(long id) {
        return first(query("SELECT " + HOOK_COLUMNS + " FROM zk_hook_exec WHERE id = ?", Rows::hookExecution,
                id));
    }

    @Override
    public List<HookExecution> hookExecutions(int max) {
        return query("SELECT " + HOOK_COLUMNS + " FROM zk_hook_exec ORDER BY id DESC LIMIT " + max,
                Rows::hookExecution);
    }

    @Override
    public void pruneHookExecutions(long belowId) {
        update("DELETE FROM zk_hook_exec WHERE id < ?", belowId);
    }

    @Override
    public long cursor(String name) {
        return first(query("SELECT event_id FROM zk_cursor WHERE name = ?", rs -> rs.getLong(1), name)).orElse(0L);
    }

    @Override
    public void putCursor(String name, long eventId) {
        update("DELETE FROM zk_cursor WHERE name = ?", name);
        update("INSERT INTO zk_cursor (name, event_id) VALUES (?, ?)", name, eventId);
    }

    @Override
    public long leaderTerm() {
        return first(query("SELECT term FROM zk_leader WHERE id = 1", rs -> rs.getLong(1))).orElse(0L);
    }

    @Override
    public int rules() {
        return first(query("SELECT rules FROM zk_leader WHERE id = 1", rs -> rs.getInt(1))).orElse(1);
    }

    @Override
    public void putLeaderTerm(long term, String server, int rules) {
        update("DELETE FROM zk_leader WHERE id = 1");
        update("INSERT INTO zk_leader (id, term, server, rules) VALUES (1, ?, ?, ?)", term, server, rules);
    }

    @Override
    public List<Recovery> recoveries() {
        return query("SELECT host_id, host_name, step, attempts, started, updated, detail FROM zk_recovery ORDER BY "
                + "host_id", rs -> new Recovery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getLong(5), rs.getLong(6), rs.getString(7)));
    }

    @Override
    public void putRecovery(Recovery r) {
        update("DELETE FROM zk_recovery WHERE host_id = ?", r.hostId());
        update("INSERT INTO zk_recovery (host_id, host_name, step, attempts, started, updated, detail) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?)", r.hostId(), r.hostName(), r.step(), r.attempts(), r.started(), r.updated(),
                r.detail());
    }

    @Override
    public void deleteRecovery(long hostId) {
        update("DELETE FROM zk_recovery WHERE host_id = ?", hostId);
    }

    @Override
    public Optional<byte[]> requestOutcome(String requestId) {
        return first(query("SELECT outcome FROM zk_request WHERE request_id = ?", rs -> rs.getBytes(1), requestId));
    }

    @Override
    public void putRequest(String requestId, long index, byte[] outcome) {
        update("INSERT INTO zk_request (request_id, log_index, outcome) VALUES (?, ?, ?)", requestId, index, outcome);
    }

    @Override
    public void pruneRequests(long belowIndex) {
        update("DELETE FROM zk_request WHERE log_index < ?", belowIndex);
    }

    @Override
    public <T> T attempt(Function<ZoneTransaction, T> work, Predicate<T> undo) {
        try {
            Savepoint savepoint = connection.setSavepoint();
            T result = work.apply(this);
            if (undo.test(result)) {
                connection.rollback(savepoint);
            } else {
                connection.releaseSavepoint(savepoint);
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("database savepoint failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ZoneServer> servers() {
        return query("SELECT id, name, endpoint FROM zk_server ORDER BY id",
                rs -> new ZoneServer(rs.getInt(1), rs.getString(2), rs.getString(3)));
    }

    @Override
    public void putServer(ZoneServer s) {
        update("DELETE FROM zk_server WHERE id = ?", s.id());
        update("INSERT INTO zk_server (id, name, endpoint, name_key) VALUES (?, ?, ?, ?)", s.id(), s.name(),
                s.endpoint(), Field.key(s.name()));
    }

    @Override
    public void deleteServer(int id) {
        update("DELETE FROM zk_server WHERE id = ?", id);
    }
}
