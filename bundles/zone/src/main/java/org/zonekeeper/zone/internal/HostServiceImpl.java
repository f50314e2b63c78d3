package org.zonekeeper.zone.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.zonekeeper.model.References;
import org.zonekeeper.api.FencingStep;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.fencing.FencingLevels;
import org.zonekeeper.model.CreateHost;
import org.zonekeeper.model.DeclareHostOff;
import org.zonekeeper.model.DeleteHost;
import org.zonekeeper.model.ZoneModel;
import org.zonekeeper.model.RecordFencing;
import org.zonekeeper.model.RecordMonitoring;
import org.zonekeeper.model.SetFencingLevels;
import org.zonekeeper.model.SetHostState;
import org.zonekeeper.model.SetHostEnabled;
import org.zonekeeper.model.SetHostMaintenance;

/** Hosts: writes through Raft, reads from the local database or through the leader. */
final class HostServiceImpl implements HostService {

    private final ZoneMember node;

    HostServiceImpl(ZoneMember node) {
        this.node = node;
    }

    @Override
    public Host create(HostSpec spec) {
        return node.submit(new CreateHost(spec)).item();
    }

    @Override
    public List<Host> list(ReadMode mode) {
        return mode == ReadMode.LOCAL ? node.database().hosts()
                : node.read(ZoneModel.Part.HOSTS).items();
    }

    @Override
    public Host get(String ref, ReadMode mode) {
        return References.find(list(mode), ref, "host", Host::id, Host::name);
    }

    @Override
    public void delete(String ref) {
        node.submit(new DeleteHost(ref)).item();
    }

    @Override
    public Host setEnabled(String ref, boolean enabled) {
        return node.submit(new SetHostEnabled(ref, enabled)).item();
    }

    @Override
    public Host setState(String ref, Set<HostState> from, HostState to) {
        return node.submit(new SetHostState(ref, from, to)).item();
    }

    @Override
    public Host recordFencing(long hostId, long attempt, FencingStep step, int tries, String detail) {
        return node.submit(new RecordFencing(hostId, attempt, step, tries, detail)).item();
    }

    @Override
    public void recordMonitoring(Map<Long, Long> probes) {
        node.submit(new RecordMonitoring(probes)).items();
    }

    @Override
    public Host setMaintenance(String ref, boolean on) {
        return node.submit(new SetHostMaintenance(ref, on)).item();
    }

    @Override
    public Host declareOff(String ref, String operator) {
        return node.submit(new DeclareHostOff(ref, operator)).item();
    }

    @Override
    public Host setFencingLevels(String ref, FencingLevels levels) {
        return node.submit(new SetFencingLevels(ref, levels)).item();
    }
}
