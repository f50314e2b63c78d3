package org.zonekeeper.ha.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.SecondOpinion.Answer;

/**
 * What the other servers' answers make of hosts the leader cannot reach (the mass-failure guard's second opinion),
 * decided the same way whoever asks, from the answers alone:
 * <ul>
 * <li>a host some server reached is {@link Call#ALIVE}: it stays held, the leader's view is the problem;</li>
 * <li>a host that a majority of the zone's servers did not reach, the leader counting as one and at least one other
 * server among them, is {@link Call#DOWN}: it is fenced as usual (power-off confirmed before anything moves);</li>
 * <li>otherwise {@link Call#UNKNOWN}: too few answers. A server that did not answer (timeout, an error, not the
 * zone's server) neither reached nor missed the host.</li>
 * </ul>
 * The leader is {@link #leaderAtFault() at fault} when the others reach most of the hosts it cannot.
 */
final class Verdict {
    enum Call {
        DOWN, ALIVE, UNKNOWN
    }

    private final Map<Long, Call> calls = new TreeMap<>();
    private final Map<Long, String> details = new TreeMap<>();
    private final boolean leaderAtFault;
    private final String summary;

    private Verdict(String leader, Collection<Host> asked, List<Answer> answers) {
        int servers = answers.size() + 1;
        int majority = servers / 2 + 1;
        List<String> silent = answers.stream().filter(a -> !a.answered()).map(Answer::server).toList();
        int alive = 0;
        for (Host host : asked) {
            List<String> reachedBy = new ArrayList<>();
            List<String> missedBy = new ArrayList<>(List.of(leader + " (leader)"));
            for (Answer a : answers) {
                if (a.answered()) {
                    (a.reached().contains(host.id()) ? reachedBy : missedBy).add(a.server());
                }
            }
            Call call = !reachedBy.isEmpty() ? Call.ALIVE
                    : missedBy.size() >= majority && missedBy.size() >= 2 ? Call.DOWN : Call.UNKNOWN;
            alive += call == Call.ALIVE ? 1 : 0;
            calls.put(host.id(), call);
            details.put(host.id(), detail(call, reachedBy, missedBy, silent, servers));
        }
        this.leaderAtFault = alive > 0 && alive * 2 > asked.size();
        this.summary = String.format("%d of %d held hosts reached by another server, %d down, %d undecided "
                + "(%d of %d other servers answered)", alive, asked.size(), count(Call.DOWN), count(Call.UNKNOWN),
                servers - 1 - silent.size(), servers - 1);
    }

    /** The verdict on {@code asked}, hosts {@code leader} cannot reach, given the other servers' {@code answers}. */
    static Verdict of(String leader, Collection<Host> asked, List<Answer> answers) {
        return new Verdict(leader, asked, answers);
    }

    private static String detail(Call call, List<String> reachedBy, List<String> missedBy, List<String> silent,
            int servers) {
        String seen = switch (call) {
            case ALIVE -> "alive, reached by " + String.join(", ", reachedBy) + ": held, the leader's view is at fault";
            case DOWN -> "down, not reached by " + String.join(", ", missedBy) + " (" + missedBy.size() + " of "
                    + servers + " servers): fenced";
            case UNKNOWN -> servers == 1 ? "none, no other server in the zone"
                    : "cannot tell, not reached by " + String.join(", ", missedBy) + ", " + (servers / 2 + 1)
                            + " of " + servers + " needed";
        };
        return "second opinion: " + seen + (silent.isEmpty() ? "" : "; no answer from " + String.join(", ", silent));
    }

    private long count(Call call) {
        return calls.values().stream().filter(call::equals).count();
    }

    /** The call on host {@code id}; UNKNOWN for a host not asked about. */
    Call call(long id) {
        return calls.getOrDefault(id, Call.UNKNOWN);
    }

    /** What the second opinion said of host {@code id}, for its recovery's detail (same call, same words). */
    String detail(long id) {
        return details.getOrDefault(id, "second opinion: not asked");
    }

    /** Whether the other servers reach most of the hosts the leader cannot: the leader's view is the problem. */
    boolean leaderAtFault() {
        return leaderAtFault;
    }

    /** One line: how many hosts were reached, found down, left undecided; how many servers answered. */
    String summary() {
        return summary;
    }
}
