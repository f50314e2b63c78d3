package org.zonekeeper.raft.internal.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atomix.catalyst.buffer.Buffer;
import io.atomix.catalyst.serializer.Serializer;

import org.junit.Test;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.NotFoundException;
import org.zonekeeper.api.VmSpec;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.api.fencing.FencingLevels;

public class CommandsTest {

    private final Serializer serializer = Commands.register(new Serializer().enableWhitelist());

    @SuppressWarnings("unchecked")
    private <T> T roundTrip(T object) {
        Buffer buffer = serializer.writeObject(object);
        buffer.flip();
        return (T) serializer.readObject(buffer);
    }

    @Test
    public void commandsKeepTheirFieldsOnTheWire() {
        HostSpec host = new HostSpec("kvm-1", "rack-a", 800, 16384, "kvm", "kvm");
        assertEquals(host, roundTrip(new CreateHost(host)).spec());
        VmSpec vm = new VmSpec("web", 200, 2048, 10240, "tmpl", null);
        assertEquals(vm, roundTrip(new CreateVm(vm)).spec());
        assertEquals("kvm-1", roundTrip(new DeleteHost("kvm-1")).ref());
        assertEquals("7", roundTrip(new DeleteVm("7")).ref());
        SetHostEnabled disable = roundTrip(new SetHostEnabled("kvm-1", false));
        assertEquals("kvm-1", disable.ref());
        assertEquals(false, disable.enabled());
        SetFencingLevels levels = roundTrip(new SetFencingLevels("kvm-1", FencingLevels.parse("ipmi-1; pdu-a,pdu-b")));
        assertEquals(List.of(List.of("ipmi-1"), List.of("pdu-a", "pdu-b")), levels.levels().levels());
        SetHostState state = roundTrip(new SetHostState("kvm-1", Set.of(HostState.ERROR, HostState.FENCE_FAILED),
                HostState.FENCING));
        assertEquals(Set.of(HostState.ERROR, HostState.FENCE_FAILED), state.from());
        assertEquals(HostState.FENCING, state.to());
        assertEquals(Map.of(3L, 1000L, 5L, 2000L), roundTrip(new RecordMonitoring(Map.of(5L, 2000L, 3L, 1000L)))
                .probes());
        PlaceVm place = roundTrip(new PlaceVm("web", "kvm-2", Set.of(VmState.RUNNING, VmState.UNKNOWN)));
        assertEquals("web kvm-2", place.ref() + " " + place.host());
        assertEquals(Set.of(VmState.RUNNING, VmState.UNKNOWN), place.from());
        SetVmState vmState = roundTrip(new SetVmState("web", Set.of(VmState.DEPLOYING), VmState.RUNNING, 7));
        assertEquals(VmState.RUNNING, vmState.to());
        assertEquals(7, vmState.hostId());
        List<ZoneServer> servers = List.of(new ZoneServer(0, "zk0", "10.0.0.1:9700"));
        assertEquals(servers, roundTrip(new RegisterServers(servers)).servers());
        AddServer add = roundTrip(new AddServer("zk3", "10.0.0.4:9700"));
        assertEquals("zk3@10.0.0.4:9700", add.name() + "@" + add.endpoint());
        assertEquals(3, roundTrip(new DeleteServer(3)).id());
        assertEquals(ReadModel.Part.VMS, roundTrip(new ReadModel(ReadModel.Part.VMS)).part());
    }

    @Test
    public void aCommandKeepsItsRequestIdOnTheWireAndWhenSentAgain() {
        CreateHost create = new CreateHost(new HostSpec("kvm-1", "rack-a", 800, 16384, "kvm", "kvm"));
        String first = roundTrip(create).requestId();
        assertEquals(create.requestId(), first);
        assertEquals("sent again, the same request", first, roundTrip(create).requestId());
        assertNotEquals("another command, another request", first, new DeleteHost("kvm-1").requestId());
    }

    @Test
    public void outcomesSurviveTheirStoredForm() {
        Outcome refused = Outcome.decode(Outcome.refused("invalid host: name: is required").encode());
        assertEquals("invalid host: name: is required", refused.reason());
        ZoneServer server = new ZoneServer(2, "zk2", "127.0.0.1:9702");
        assertEquals(server, Outcome.decode(Outcome.server(server).encode()).item());
    }

    @Test
    public void outcomesCarryObjectsAndRefusals() {
        Host host = new Host(4, "kvm-4", HostState.MONITORED, "c", 800, 4096, "kvm", "kvm", true, 99, org.zonekeeper.api.fencing.FencingLevels.parse("ipmi-a; pdu-1,pdu-2"), 0, "10.0.0.4:9800");
        assertEquals(host, roundTrip(Outcome.host(host)).item());
        Outcome missing = roundTrip(Outcome.notFound("no host 'x'"));
        assertEquals("no host 'x'", assertThrows(NotFoundException.class, missing::items).getMessage());
    }

    /** Java serialization would accept it; the whitelist must not. */
    static final class Unlisted implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Test
    public void typesOutsideTheWhitelistAreRefused() {
        assertThrows(RuntimeException.class, () -> serializer.writeObject(new Unlisted()));
    }
}
