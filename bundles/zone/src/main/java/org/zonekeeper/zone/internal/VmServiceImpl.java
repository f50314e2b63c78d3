package org.zonekeeper.zone.internal;

import java.util.List;
import java.util.Set;

import org.zonekeeper.model.References;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmService;
import org.zonekeeper.api.VmSpec;
import org.zonekeeper.api.VmState;
import org.zonekeeper.model.CreateVm;
import org.zonekeeper.model.DeleteVm;
import org.zonekeeper.model.RecoverVm;
import org.zonekeeper.model.StartVm;
import org.zonekeeper.model.SetVmHa;
import org.zonekeeper.model.StopVm;
import org.zonekeeper.model.PlaceVm;
import org.zonekeeper.model.RemoveVm;
import org.zonekeeper.model.ZoneModel;
import org.zonekeeper.model.SetVmState;

/** VMs: writes through Raft, reads from the local database or through the leader. */
final class VmServiceImpl implements VmService {

    private final ZoneMember node;

    VmServiceImpl(ZoneMember node) {
        this.node = node;
    }

    @Override
    public Vm create(VmSpec spec) {
        return node.submit(new CreateVm(spec)).item();
    }

    @Override
    public List<Vm> list(ReadMode mode) {
        return mode == ReadMode.LOCAL ? node.database().vms() : node.read(ZoneModel.Part.VMS).items();
    }

    @Override
    public Vm get(String ref, ReadMode mode) {
        return References.find(list(mode), ref, "VM", Vm::id, Vm::name);
    }

    @Override
    public Vm delete(String ref) {
        return node.submit(new DeleteVm(ref)).item();
    }

    @Override
    public Vm stop(String ref) {
        return node.submit(new StopVm(ref)).item();
    }

    @Override
    public Vm start(String ref, String host) {
        return node.submit(new StartVm(ref, host)).item();
    }

    @Override
    public Vm recover(String ref) {
        return node.submit(new RecoverVm(ref)).item();
    }

    @Override
    public Vm setHa(String ref, boolean ha, int priority) {
        return node.submit(new SetVmHa(ref, ha, priority)).item();
    }

    @Override
    public Vm remove(String ref, long hostId) {
        return node.submit(new RemoveVm(ref, hostId)).item();
    }

    @Override
    public Vm place(String ref, String host, Set<VmState> from) {
        return node.submit(new PlaceVm(ref, host, from)).item();
    }

    @Override
    public Vm setState(String ref, Set<VmState> from, VmState to, long hostId) {
        return node.submit(new SetVmState(ref, from, to, hostId)).item();
    }
}
