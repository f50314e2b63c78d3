package org.zonekeeper.ha.internal;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.Leadership;
import org.zonekeeper.api.SecondOpinion;
import org.zonekeeper.api.SecondOpinion.Answer;

/**
 * Asks the other servers about the held hosts ({@link SecondOpinion}) on a thread of its own, never the workflow's
 * tick: at once when the held hosts change, again every {@code second.opinion.interval.ms} while they stay held.
 * Each ask is bounded ({@code second.opinion.timeout.ms} for the probes plus one second for the answers); the
 * workflow reads the {@link #latest} verdict on its next tick. Logs each verdict; when the leader turns out to be
 * at fault, says so in one clear line and gives way ({@link Leadership#giveWay}), once in its term, so that a
 * server that reaches the hosts leads.
 */
final class SecondOpinions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SecondOpinions.class);

    private final Supplier<SecondOpinion> service;
    private final Leadership leadership;
    private final String leader;
    private final HaPolicy policy;
    private final AtomicBoolean asking = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "zonekeeper-ha-second-opinion");
        t.setDaemon(true);
        return t;
    });
    private volatile Verdict latest;
    private Set<Long> asked = Set.of();
    private long askedAt;
    private boolean blamed;
    private boolean gaveWay;
    private final long leadingSince = System.currentTimeMillis();

    /** {@code service} gives null while no other server can be asked (then nothing is asked: no verdict). */
    SecondOpinions(Supplier<SecondOpinion> service, Leadership leadership, HaPolicy policy) {
        this.service = service;
        this.leadership = leadership;
        this.leader = leadership.server();
        this.policy = policy;
    }

    /**
     * Asks about {@code held} unless an ask is under way, or the same hosts were asked about less than an interval
     * ago; a change of the held hosts drops the verdict taken before.
     */
    synchronized void askIfDue(Collection<Host> held) {
        Set<Long> ids = held.stream().map(Host::id).collect(Collectors.toUnmodifiableSet());
        long now = System.currentTimeMillis();
        if (!ids.equals(asked)) {
            // a verdict speaks of the hosts held when it was asked for, and of no others
            asked = ids;
            askedAt = 0;
            latest = null;
        }
        SecondOpinion others = service.get();
        if (others == null || ids.isEmpty() || asking.get()
                || now - askedAt < policy.secondOpinionInterval().toMillis()) {
            return;
        }
        askedAt = now;
        List<Host> hosts = List.copyOf(held);
        asking.set(true);
        try {
            thread.execute(() -> ask(others, hosts));
        } catch (RejectedExecutionException closed) {
            asking.set(false);
        }
    }

    private void ask(SecondOpinion others, List<Host> hosts) {
        try {
            long start = System.nanoTime();
            List<Answer> answers = others.ask(hosts, policy.secondOpinionTimeout());
            Verdict verdict = Verdict.of(leader, hosts, answers);
            long ms = (System.nanoTime() - start) / 1_000_000;
            LOG.info("second opinion on {} held hosts in {} ms: {}", hosts.size(), ms, verdict.summary());
            answers.stream().filter(a -> !a.answered())
                    .forEach(a -> LOG.warn("second opinion: no answer from server {}: {}", a.server(), a.error()));
            adopt(hosts, verdict);
        } catch (RuntimeException e) {
            LOG.warn("second opinion not taken: {}", e.toString());
        } finally {
            asking.set(false);
        }
    }

    /** Keeps {@code verdict} unless the held hosts changed while it was taken. */
    private synchronized void adopt(List<Host> hosts, Verdict verdict) {
        if (hosts.stream().map(Host::id).collect(Collectors.toUnmodifiableSet()).equals(asked)) {
            blame(verdict);
            latest = verdict;
        }
    }

    private void blame(Verdict verdict) {
        boolean ownView = System.currentTimeMillis() - leadingSince >= policy.ownView().toMillis();
        if (verdict.leaderAtFault() && ownView && !gaveWay) {
            LOG.error("server {} (leader) cannot reach hosts that the other servers reach ({}): its own network, CPU "
                    + "or agent settings are at fault, not the hosts; they stay held, none is fenced, and it gives "
                    + "way to a server that reaches them", leader, verdict.summary());
            gaveWay = true;
            leadership.giveWay("the other servers reach the hosts it cannot (mass-failure guard's second opinion)");
        } else if (verdict.leaderAtFault() && !ownView && !blamed) {
            LOG.warn("server {} (leader): the other servers reach hosts held before it took over ({}); its own "
                    + "monitor has not had them long enough to tell", leader, verdict.summary());
        } else if (!verdict.leaderAtFault() && blamed) {
            LOG.warn("server {} (leader): the other servers no longer reach most of the hosts it cannot ({})",
                    leader, verdict.summary());
        }
        blamed = verdict.leaderAtFault();
    }

    /** The last verdict on the hosts held now, or null when none was taken yet. */
    Verdict latest() {
        return latest;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
