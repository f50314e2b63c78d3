package org.zonekeeper.model;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.NotFoundException;
import org.zonekeeper.api.VmSpec;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.api.fencing.FencingLevels;

public class CodecTest {

    @SuppressWarnings("unchecked")
    private static <T extends ZoneCommand> T roundTrip(T command) {
        T read = (T) Codec.decode(Codec.encode(command)).command().orElseThrow();
        assertEquals("every field, the request id too", command, read);
        return read;
    }

    private static Outcome roundTrip(Outcome outcome) {
        return Codec.decodeOutcome(Codec.encode(outcome));
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
        FinishHookExecution finish = roundTrip(new FinishHookExecution(9, HookExecution.State.FAILED, 3, "out", "err",
                "exit 3"));
        assertEquals("exit 3", finish.reason());
        assertEquals(5, roundTrip(new AdvanceCursor("hooks", 5)).eventId());
        assertEquals("FENCING", roundTrip(RecordRecovery.step(4, "FENCING", 2, "level 1")).step());
        ZoneEvent event = new ZoneEvent(3, 100, "HOST/ERROR", "HOST", 4, "kvm-4");
        assertEquals(event, roundTrip(new StartHookExecution("notify", event, "$ID", 1, 0)).event());
        assertEquals(ZoneModel.RULES, roundTrip(new LeadTerm(4, "zk1")).rules());
        assertEquals(9, roundTrip(new RecordFencing(2, 9, org.zonekeeper.api.FencingStep.POWERING_OFF, 1, "x"))
                .attempt());
        assertEquals("kvm-2", roundTrip(new StartVm("web", "kvm-2")).host());
        assertEquals("web", roundTrip(new StopVm("web")).ref());
        assertEquals("web", roundTrip(new RecoverVm("web")).ref());
        assertEquals(-3, roundTrip(new SetVmHa("web", false, -3)).priority());
    }

    @Test
    public void aClaimInTheLayoutOfBuildsBeforeRuleVersionsIsReadAsRules1() {
        // type 17 was LeadTerm(term, server) without rules: still read, no longer written
        byte[] old = new Writer().i8(Codec.LAYOUT).i32(17).text("req-1").i64(4).text("zk1").toBytes();
        LeadTerm claim = (LeadTerm) Codec.decode(old).command().orElseThrow();
        assertEquals(new LeadTerm("req-1", 4, "zk1", 1), claim);
        assertTrue("written in the current layout", Codec.number(claim) != 17);
    }

    @Test
    public void aCommandKeepsItsRequestIdEncodedAgain() {
        CreateHost create = new CreateHost(new HostSpec("kvm-1", "rack-a", 800, 16384, "kvm", "kvm"));
        assertEquals(create.requestId(), roundTrip(create).requestId());
        assertArrayEquals("the same command, the same entry", Codec.encode(create), Codec.encode(create));
        assertNotEquals("another command, another request", create.requestId(), new DeleteHost("kvm-1").requestId());
    }

    @Test
    public void bytesThatHoldNoCommandSayWhy() {
        byte[] good = Codec.encode(new DeleteVm("web"));
        assertTrue(Codec.decode(java.util.Arrays.copyOf(good, 9)).problem()
                .startsWith("malformed entry: the entry ends early, at byte "));
        byte[] layout = good.clone();
        layout[0] = 7;
        assertTrue(Codec.decode(layout).problem().startsWith("malformed entry: an entry of layout 7;"));
        byte[] type = good.clone();
        type[4] = 99;
        assertEquals("malformed entry: no command type 99", Codec.decode(type).problem());
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertEquals("malformed entry: bytes left after a DeleteVm", Codec.decode(longer).problem());
        assertEquals("malformed entry: the entry ends early, at byte 0", Codec.decode(new byte[0]).problem());
    }

    @Test
    public void outcomesSurviveTheirStoredForm() {
        Outcome refused = roundTrip(Outcome.refused("invalid host: name: is required"));
        assertEquals("invalid host: name: is required", refused.reason());
        ZoneServer server = new ZoneServer(2, "zk2", "127.0.0.1:9702");
        assertEquals(server, roundTrip(Outcome.server(server)).item());
    }

    @Test
    public void outcomesCarryObjectsAndRefusals() {
        Host host = new Host(4, "kvm-4", HostState.MONITORED, "c", 800, 4096, "kvm", "kvm", true, 99, org.zonekeeper.api.fencing.FencingLevels.parse("ipmi-a; pdu-1,pdu-2"), 0, "10.0.0.4:9800", 7);
        assertEquals(host, roundTrip(Outcome.host(host)).item());
        Outcome missing = roundTrip(Outcome.notFound("no host 'x'"));
        assertEquals("no host 'x'", assertThrows(NotFoundException.class, missing::items).getMessage());
    }
}
