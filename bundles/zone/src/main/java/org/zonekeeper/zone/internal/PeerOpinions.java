package org.zonekeeper.zone.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.SecondOpinion;
import org.zonekeeper.api.ZoneServer;

/**
 * Asks the other servers which hosts they reach, all at once through their status channels
 * ({@link ReachRequests}); each answer is checked to come from that server (zone TLS), and one that does not come
 * within the probe's timeout plus {@value #SLACK_MS} ms counts as none.
 */
final class PeerOpinions implements SecondOpinion {
    /** Time given, beyond the probes' own timeout, for the connection, the handshake and the answer. */
    static final long SLACK_MS = 1000;

    private final ZoneMember node;
    private final Executor pool;

    PeerOpinions(ZoneMember node, Executor pool) {
        this.node = node;
        this.pool = pool;
    }

    @Override
    public List<Answer> ask(Collection<Host> hosts, Duration timeout) {
        String request = ReachRequests.request(hosts, timeout);
        long bound = timeout.toMillis() + SLACK_MS;
        int self = node.settings().self().id();
        List<CompletableFuture<Answer>> answers = node.servers().stream().filter(s -> s.id() != self)
                .map(s -> CompletableFuture.supplyAsync(() -> one(s, request, bound), pool)
                        .completeOnTimeout(Answer.none(s.name(), "no answer within " + bound + " ms"), bound,
                                TimeUnit.MILLISECONDS))
                .toList();
        return answers.stream().map(CompletableFuture::join).toList();
    }

    private Answer one(ZoneServer server, String request, long bound) {
        try {
            return ReachRequests.parse(server.name(), node.probe().request(server, request, (int) bound));
        } catch (IOException | RuntimeException e) {
            return Answer.none(server.name(), e.toString());
        }
    }
}
