package org.zonekeeper.zone.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostReach;
import org.zonekeeper.api.SecondOpinion;

/**
 * The status channel's {@code reach} request, both ends: the leader asks {@code reach MS ID...} (probe these hosts,
 * each for at most MS ms) and this server answers {@code ok ID...} with the ids of the hosts whose agents answered
 * it ({@code ok} alone: none), or {@code error WHY} when it cannot tell (no agent connector here, no readable agent
 * token, an unknown host id). The hosts' addresses are read from this server's own database.
 */
final class ReachRequests {
    static final String VERB = "reach";
    /** The longest probe a request may ask for: the answer holds one of the status endpoint's workers. */
    static final Duration LONGEST = Duration.ofSeconds(30);

    private final Supplier<List<Host>> hosts;
    private volatile Supplier<HostReach> reach = () -> null;

    /** {@code hosts}: the zone's hosts as this server applied them. */
    ReachRequests(Supplier<List<Host>> hosts) {
        this.hosts = hosts;
    }

    /** Probes through what {@code probe} gives: this server's {@link HostReach}, or null while there is none. */
    void probeThrough(Supplier<HostReach> probe) {
        this.reach = probe;
    }

    /** The request asking a server to probe {@code asked} for at most {@code timeout}. */
    static String request(Collection<Host> asked, Duration timeout) {
        return VERB + " " + timeout.toMillis() + asked.stream().map(h -> " " + h.id()).collect(Collectors.joining());
    }

    /** Whether {@code request} is one of these. */
    static boolean is(String request) {
        return request.equals(VERB) || request.startsWith(VERB + " ");
    }

    /** {@code answer}, from {@code server}, read as a {@link SecondOpinion.Answer}. */
    static SecondOpinion.Answer parse(String server, String answer) {
        if (!answer.equals("ok") && !answer.startsWith("ok ")) {
            return SecondOpinion.Answer.none(server, answer);
        }
        try {
            Set<Long> reached = Arrays.stream(answer.substring(2).trim().split(" ")).filter(s -> !s.isEmpty())
                    .map(Long::valueOf).collect(Collectors.toUnmodifiableSet());
            return SecondOpinion.Answer.of(server, reached);
        } catch (NumberFormatException e) {
            return SecondOpinion.Answer.none(server, "unexpected answer '" + answer + "'");
        }
    }

    /** This server's answer to {@code request}: it probes the named hosts itself, bounded by the asked timeout. */
    String answer(String request) {
        String[] f = request.trim().split(" +");
        long ms;
        try {
            ms = f.length < 2 ? -1 : Long.parseLong(f[1]);
        } catch (NumberFormatException e) {
            ms = -1;
        }
        if (ms < 1 || ms > LONGEST.toMillis()) {
            return "error a reach request is: " + VERB + " MS ID... (MS from 1 to " + LONGEST.toMillis() + ")";
        }
        Set<Long> ids;
        try {
            ids = Arrays.stream(f, 2, f.length).map(Long::valueOf).collect(Collectors.toSet());
        } catch (NumberFormatException e) {
            return "error host ids are numbers: " + request;
        }
        List<Host> asked = hosts.get().stream().filter(h -> ids.contains(h.id())).toList();
        if (asked.size() != ids.size()) {
            return "error this server does not know every host asked about (ids " + ids + ")";
        }
        HostReach probe = reach.get();
        if (probe == null) {
            return "error no node agent connector on this server";
        }
        try {
            Set<Long> reached = probe.reached(asked, Duration.ofMillis(ms)).toCompletableFuture()
                    .get(ms + 500, TimeUnit.MILLISECONDS);
            return ("ok" + reached.stream().sorted().map(id -> " " + id).collect(Collectors.joining()));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            // the answer is one line of the status protocol, whatever the message holds
            return "error " + String.valueOf(cause.getMessage() == null ? cause : cause.getMessage())
                    .replaceAll("\\s+", " ");
        } catch (TimeoutException e) {
            return "error the probes took longer than " + (ms + 500) + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "error interrupted";
        }
    }
}
