package org.zonekeeper.ha.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.Test;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.SecondOpinion.Answer;
import org.zonekeeper.api.fencing.FencingLevels;
import org.zonekeeper.ha.internal.Verdict.Call;

/** The second opinion's decision: the leader's view (hosts it cannot reach) and the others' answers in, calls out. */
public class VerdictTest {

    private static List<Host> held(long... ids) {
        return LongStream.of(ids).mapToObj(id -> new Host(id, "kvm-" + id, HostState.ERROR, "c", 800, 8192, "kvm",
                "kvm", true, 0, FencingLevels.none(), 0, "10.0.0." + id, 0)).toList();
    }

    private static List<Call> calls(Verdict v, long... ids) {
        return LongStream.of(ids).mapToObj(v::call).toList();
    }

    @Test
    public void aHostNoServerReachesIsDownWhenAMajorityAnswered() {
        Verdict v = Verdict.of("zk0", held(1, 2), List.of(Answer.of("zk1", Set.of()), Answer.of("zk2", Set.of())));
        assertEquals(List.of(Call.DOWN, Call.DOWN), calls(v, 1, 2));
        assertFalse(v.leaderAtFault());
        assertEquals("second opinion: down, not reached by zk0 (leader), zk1, zk2 (3 of 3 servers): fenced",
                v.detail(1));
    }

    @Test
    public void theLeaderAndOneOtherOfThreeAreAMajority() {
        Verdict v = Verdict.of("zk0", held(1), List.of(Answer.of("zk1", Set.of()), Answer.none("zk2", "timeout")));
        assertEquals(Call.DOWN, v.call(1));
        assertTrue(v.detail(1), v.detail(1).endsWith("; no answer from zk2"));
    }

    @Test
    public void aHostAnyOtherServerReachesIsAliveEvenWhenAMajorityMissesIt() {
        Verdict v = Verdict.of("zk0", held(1, 2, 3), List.of(Answer.of("zk1", Set.of(1L, 2L)),
                Answer.of("zk2", Set.of()), Answer.of("zk3", Set.of()), Answer.of("zk4", Set.of(1L))));
        assertEquals(List.of(Call.ALIVE, Call.ALIVE, Call.DOWN), calls(v, 1, 2, 3));
        assertEquals("second opinion: alive, reached by zk1, zk4: held, the leader's view is at fault", v.detail(1));
        assertTrue("the others reach 2 of the 3 hosts the leader cannot", v.leaderAtFault());
    }

    @Test
    public void noAnswerIsNeitherReachedNorDown() {
        Verdict v = Verdict.of("zk0", held(1, 2), List.of(Answer.none("zk1", "no answer within 3000 ms"),
                Answer.none("zk2", "java.net.ConnectException: Connection refused")));
        assertEquals(List.of(Call.UNKNOWN, Call.UNKNOWN), calls(v, 1, 2));
        assertFalse(v.leaderAtFault());
        assertEquals("second opinion: cannot tell, not reached by zk0 (leader), 2 of 3 needed; no answer from zk1, "
                + "zk2", v.detail(1));
    }

    @Test
    public void oneMissAndOneSilenceOfFiveAreNotAMajority() {
        Verdict v = Verdict.of("zk0", held(1), List.of(Answer.of("zk1", Set.of()), Answer.none("zk2", "timeout"),
                Answer.none("zk3", "timeout"), Answer.none("zk4", "not a zone server")));
        assertEquals(Call.UNKNOWN, v.call(1));
    }

    @Test
    public void aZoneOfOneServerHasNoSecondOpinion() {
        Verdict v = Verdict.of("zk0", held(1, 2), List.of());
        assertEquals(List.of(Call.UNKNOWN, Call.UNKNOWN), calls(v, 1, 2));
        assertEquals("second opinion: none, no other server in the zone", v.detail(2));
    }

    @Test
    public void theLeaderIsAtFaultOnlyWhenTheOthersReachMostOfTheHostsItCannot() {
        List<Answer> half = List.of(Answer.of("zk1", Set.of(1L)), Answer.of("zk2", Set.of()));
        assertFalse("1 of 2", Verdict.of("zk0", held(1, 2), half).leaderAtFault());
        List<Answer> most = List.of(Answer.of("zk1", Set.of(1L, 2L)), Answer.none("zk2", "timeout"));
        Verdict v = Verdict.of("zk0", held(1, 2, 3), most);
        assertTrue("2 of 3", v.leaderAtFault());
        assertEquals("zk1 missed kvm-3: with the leader, 2 of 3", List.of(Call.ALIVE, Call.ALIVE, Call.DOWN),
                calls(v, 1, 2, 3));
        assertEquals("2 of 3 held hosts reached by another server, 1 down, 0 undecided (1 of 2 other servers "
                + "answered)", v.summary());
    }

    @Test
    public void aHostNotAskedAboutIsUndecided() {
        Verdict v = Verdict.of("zk0", held(1), List.of(Answer.of("zk1", Set.of(7L))));
        assertEquals(Call.UNKNOWN, v.call(7));
        assertEquals(Call.DOWN, v.call(1));
    }
}
