package org.zonekeeper.replication.copycat.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.atomix.catalyst.transport.Address;
import io.atomix.copycat.Operation;
import io.atomix.copycat.client.CopycatClient;
import io.atomix.copycat.session.ClosedSessionException;

import org.zonekeeper.api.NoLeaderException;
import org.zonekeeper.api.ZoneException;

/**
 * Submits operations to the zone's leader with a deadline: a caller never waits longer than the request timeout,
 * and learns "no leader elected" when none answered. An attempt unanswered for {@code attempt} (a frozen or killed
 * leader, a session stuck re-sending), unanswered when a leader is elected ({@link #leaderElected}: it may wait on
 * the leader that was replaced, which is how a frozen leader held a survivor's writes for a whole attempt), or whose
 * session was closed is sent again, the same operation, on a new session, until the deadline: a command carries its
 * request id, so it takes effect once however often it is sent.
 */
public final class RaftClient implements AutoCloseable {

    private static final long RETRY_PAUSE_MS = 100;

    private final Supplier<CopycatClient> factory;
    private final Collection<Address> members;
    private final Duration timeout;
    private final Duration attempt;
    private CopycatClient client;
    private CompletableFuture<CopycatClient> connecting;
    private final AtomicReference<CompletableFuture<Void>> nextElection =
            new AtomicReference<>(new CompletableFuture<>());

    public RaftClient(Supplier<CopycatClient> factory, Collection<Address> members, Duration timeout, Duration attempt) {
        this.factory = factory;
        this.members = members;
        this.timeout = timeout;
        this.attempt = attempt;
    }

    /** Told by the local member of every leader it sees elected: attempts waiting then are sent again. */
    public void leaderElected() {
        nextElection.getAndSet(new CompletableFuture<>()).complete(null);
    }

    public <T> T submit(Operation<T> operation) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            CopycatClient connected = connected(deadline);
            try {
                CompletableFuture<Void> election = nextElection.get();
                CompletableFuture<T> answer = connected.submit(operation);
                CompletableFuture.anyOf(answer, election).get(attemptMillis(deadline), TimeUnit.MILLISECONDS);
                if (answer.isDone()) {
                    return answer.get();
                }
                discard(connected); // a leader was elected while it waited: maybe on the one replaced
            } catch (TimeoutException e) {
                discard(connected);
                if (System.nanoTime() >= deadline) {
                    throw noLeader("was not acknowledged");
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ZoneException zone) {
                    throw zone;
                }
                if (!(e.getCause() instanceof ClosedSessionException)) {
                    throw new ZoneException("request failed: " + e.getCause(), e.getCause());
                }
                // The session was lost with the server it went through: the same operation goes again on a new
                // session; a command applied before the loss is answered with its first outcome.
                discard(connected);
                pause(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZoneException("interrupted while waiting for the leader");
            }
        }
    }

    /**
     * The session to submit through, opened if need be. The lock is held only to replace the session, never while
     * waiting: each caller waits for the registration within its own deadline.
     */
    private CopycatClient connected(long deadline) {
        while (true) {
            CompletableFuture<CopycatClient> registration = registration();
            try {
                CompletableFuture<Void> election = nextElection.get();
                CompletableFuture.anyOf(registration, election).get(attemptMillis(deadline), TimeUnit.MILLISECONDS);
                if (registration.isDone()) {
                    return registration.get();
                }
                // a leader was elected while the registration waited, maybe forwarded to the one replaced
                drop(registration);
            } catch (TimeoutException e) {
                // a registration through a frozen server may never be answered: another try, maybe elsewhere
                drop(registration);
                if (System.nanoTime() >= deadline) {
                    throw noLeader("could not open a session");
                }
            } catch (ExecutionException e) {
                pause(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZoneException("interrupted while connecting to the zone");
            }
        }
    }

    /** The registration of the current session, a new one started when there is none or it failed or closed. */
    private synchronized CompletableFuture<CopycatClient> registration() {
        if (connecting == null || connecting.isCompletedExceptionally()
                || (connecting.isDone() && client.state() == CopycatClient.State.CLOSED)) {
            closeClient();
            client = factory.get();
            connecting = client.connect(members);
        }
        return connecting;
    }

    /** Closes the session of {@code registration} if it is still the current one. */
    private synchronized void drop(CompletableFuture<CopycatClient> registration) {
        if (connecting == registration) {
            closeClient();
            connecting = null;
        }
    }

    /**
     * Drops a client whose request timed out: after a leader change a Copycat 1.2.8 client can keep
     * re-sending its pending commands without ever getting an answer (see bench/RESULTS.md).
     */
    private synchronized void discard(CopycatClient stuck) {
        if (client == stuck) {
            closeClient();
            connecting = null;
        }
    }

    private void pause(long deadline) {
        if (remainingMillis(deadline) <= RETRY_PAUSE_MS) {
            throw noLeader("could not open a session");
        }
        try {
            Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private NoLeaderException noLeader(String what) {
        return new NoLeaderException("no leader elected: the request " + what + " within " + timeout.toMillis()
                + " ms (request.timeout.ms); a majority of the zone's servers must be up");
    }

    private long attemptMillis(long deadline) {
        return Math.min(attempt.toMillis(), remainingMillis(deadline));
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public synchronized void close() {
        closeClient();
    }
}
