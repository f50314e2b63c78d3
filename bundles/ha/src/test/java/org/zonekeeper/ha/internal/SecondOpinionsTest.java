package org.zonekeeper.ha.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import org.junit.After;
import org.junit.Test;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Leadership;
import org.zonekeeper.api.SecondOpinion;
import org.zonekeeper.api.SecondOpinion.Answer;
import org.zonekeeper.api.fencing.FencingLevels;

/** Asking the other servers about held hosts, and what the leader does with their verdict. */
public class SecondOpinionsTest {

    private final List<String> givenWay = new CopyOnWriteArrayList<>();
    private final Leadership leadership = new Leadership() {
        @Override
        public String server() {
            return "zk0";
        }

        @Override
        public long term() {
            return 7;
        }

        @Override
        public void giveWay(String why) {
            givenWay.add(why);
        }
    };
    /** Asked again after 500 ms; a leader's own view of the hosts after 2 cycles of 200 ms (wait.cycles 0). */
    private final HaPolicy policy = new HaPolicy(RecoveryController.check(Map.of("second.opinion.interval.ms",
            "500", "wait.cycles", "0")), Duration.ofMillis(200));
    private SecondOpinions opinions;

    @After
    public void close() {
        opinions.close();
    }

    private static List<Host> held(long... ids) {
        return LongStream.of(ids).mapToObj(id -> new Host(id, "kvm-" + id, HostState.ERROR, "c", 800, 8192, "kvm",
                "kvm", true, 0, FencingLevels.none(), 0, "10.0.0." + id, 0)).toList();
    }

    /** Other servers that each reach {@code reached}. */
    private static SecondOpinion others(Set<Long> reached) {
        return (hosts, timeout) -> List.of(Answer.of("zk1", reached), Answer.of("zk2", reached));
    }

    private Verdict verdictAfterAsking(List<Host> hosts) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (opinions.latest() == null && System.nanoTime() < deadline) {
            opinions.askIfDue(hosts);
            Thread.sleep(20);
        }
        return opinions.latest();
    }

    /** Asks about {@code hosts} once the interval since the last ask has passed, and waits for that answer. */
    private void askAgain(List<Host> hosts) throws InterruptedException {
        Thread.sleep(600); // second.opinion.interval.ms (500) since the last ask
        opinions.askIfDue(hosts);
        Thread.sleep(300);
    }

    @Test
    public void aLeaderTheOthersFindAtFaultGivesWayOnceItsOwnMonitorHadTheHosts() throws Exception {
        opinions = new SecondOpinions(() -> others(Set.of(1L, 2L, 3L)), leadership, policy);
        Verdict verdict = verdictAfterAsking(held(1, 2, 3));
        assertTrue(verdict.summary(), verdict.leaderAtFault());
        assertEquals("hosts held when it took over: not yet its own view (2 cycles)", List.of(), givenWay);
        askAgain(held(1, 2, 3));
        assertEquals(1, givenWay.size());
        assertTrue(givenWay.get(0), givenWay.get(0).contains("the other servers reach the hosts it cannot"));
        askAgain(held(1, 2, 3));
        assertEquals("gives way once", 1, givenWay.size());
    }

    @Test
    public void aLeaderWhoseHostsNobodyReachesKeepsLeading() throws Exception {
        opinions = new SecondOpinions(() -> others(Set.of()), leadership, policy);
        Verdict verdict = verdictAfterAsking(held(1, 2, 3));
        assertTrue(verdict.summary(), !verdict.leaderAtFault());
        assertEquals(List.of(), givenWay);
    }
}
