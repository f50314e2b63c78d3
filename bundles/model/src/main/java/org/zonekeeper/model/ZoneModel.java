package org.zonekeeper.model;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.model.internal.FencingRules;
import org.zonekeeper.model.internal.HaRules;
import org.zonekeeper.model.internal.LeaderRules;
import org.zonekeeper.model.internal.LogRules;
import org.zonekeeper.model.internal.VmRules;
import org.zonekeeper.model.internal.ZoneRules;
import org.zonekeeper.store.StoreException;
import org.zonekeeper.store.ZoneReader;
import org.zonekeeper.store.ZoneTransaction;

/**
 * Applies one log entry to a server's database, whatever Raft engine delivered it. Everything here depends only on
 * the entry, its index and log time, and the database's content, so every server computes the same outcome:
 *
 * <ul>
 * <li>an entry that does not decode, a command whose fields do not check out, and one its rule refuses are
 * recorded as a refusal, changing nothing; so is a rule that throws for any reason but the database (the same code
 * on the same entry throws the same way everywhere);</li>
 * <li>a request applied in the last {@value #REQUESTS_KEPT} entries (same request id, sent again after a lost
 * session) is answered with its first outcome and not applied again;</li>
 * <li>a {@link StoreException} is the database's own failure, not the input's: it is thrown, and the caller stops
 * applying at this entry.</li>
 * </ul>
 */
public final class ZoneModel {

    /**
     * The version of the rules this build applies, named by every claim ({@link LeadTerm}). 1: the builds before
     * versions were named. 2: a host entering FENCING gets a fencing attempt id, and a VM's placements are counted.
     * A rule that changes how an existing command applies checks {@code tx.rules()}: entries before the first claim
     * of a version are applied by the rules they were written under.
     */
    public static final int RULES = 2;

    /** How many log entries a request id is remembered for. */
    public static final long REQUESTS_KEPT = 100_000;

    /** Requests are pruned about once per this many (a DELETE per entry would cost every write). */
    static final int PRUNE_EVERY = 64;

    /** What a read asks for. */
    public enum Part { HOSTS, VMS, SERVERS }

    private static final Logger LOG = LoggerFactory.getLogger(ZoneModel.class);

    private ZoneModel() {
    }

    /** Applies the entry {@code bytes} at {@code index}, within the caller's transaction. */
    public static Outcome apply(ZoneTransaction tx, long index, long time, byte[] bytes) {
        Codec.Decoded decoded = Codec.decode(bytes);
        if (decoded.command().isEmpty()) {
            return Outcome.refused(decoded.problem());
        }
        ZoneCommand command = decoded.command().get();
        Optional<byte[]> earlier = tx.requestOutcome(command.requestId());
        if (earlier.isPresent()) {
            return Codec.decodeOutcome(earlier.get());
        }
        Outcome outcome = tx.attempt(t -> decide(t, command, time), Outcome::isRefusal);
        tx.putRequest(command.requestId(), index, Codec.encode(outcome));
        if (Math.floorMod(command.requestId().hashCode(), PRUNE_EVERY) == 0) {
            // about one request in PRUNE_EVERY, chosen by its id (String.hashCode is the same on every JVM)
            tx.pruneRequests(index - REQUESTS_KEPT);
        }
        return outcome;
    }

    public static Outcome read(ZoneReader db, Part part) {
        return switch (part) {
            case HOSTS -> Outcome.hosts(db.hosts());
            case VMS -> Outcome.vms(db.vms());
            case SERVERS -> Outcome.servers(db.servers());
        };
    }

    private static Outcome decide(ZoneTransaction tx, ZoneCommand command, long time) {
        try {
            Optional<String> invalid = command.validation().refusal();
            if (invalid.isPresent()) {
                return Outcome.refused(invalid.get());
            }
            return rule(tx, command, time);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("refused {} {}: its rule failed", command.getClass().getSimpleName(), command.requestId(), e);
            return Outcome.refused(command.getClass().getSimpleName() + " could not be applied ("
                    + e.getClass().getSimpleName() + "); see the servers' logs");
        }
    }

    private static Outcome rule(ZoneTransaction tx, ZoneCommand command, long time) {
        if (command instanceof AsLeader c) {
            String stale = LeaderRules.stale(tx, c.term());
            return stale != null ? Outcome.refused(stale) : decision(tx, c.decision(), time);
        } else if (command instanceof LeadTerm c) {
            return LeaderRules.claim(tx, c.term(), c.server(), c.rules());
        } else if (command.leaderDecision()) {
            String unnamed = LeaderRules.unnamed(tx);
            return unnamed != null ? Outcome.refused(unnamed) : decision(tx, command, time);
        }
        return operation(tx, command, time);
    }

    /** The rule of a leader decision, once the term it names is known current. */
    private static Outcome decision(ZoneTransaction tx, ZoneCommand command, long time) {
        if (command instanceof SetHostState c) {
            return HaRules.setHostState(tx, c.ref(), c.from(), c.to(), time);
        } else if (command instanceof RecordMonitoring c) {
            return HaRules.recordMonitoring(tx, c.probes());
        } else if (command instanceof PlaceVm c) {
            return HaRules.placeVm(tx, c.ref(), c.host(), c.from(), time);
        } else if (command instanceof SetVmState c) {
            return HaRules.setVmState(tx, c.ref(), c.from(), c.to(), c.hostId(), time);
        } else if (command instanceof RemoveVm c) {
            return HaRules.removeVm(tx, c.ref(), c.hostId(), time);
        } else if (command instanceof StartHookExecution c) {
            return LogRules.startHook(tx, c.hook(), c.event(), c.arguments(), c.attempt(), c.retryOf(), time);
        } else if (command instanceof FinishHookExecution c) {
            return LogRules.finishHook(tx, c, time);
        } else if (command instanceof AdvanceCursor c) {
            return LogRules.advance(tx, c.name(), c.eventId());
        } else if (command instanceof RecordRecovery c) {
            return LogRules.record(tx, c, time);
        } else if (command instanceof RecordFencing c) {
            return FencingRules.record(tx, c, time);
        }
        return Outcome.refused("no rule for " + command.getClass().getSimpleName());
    }

    /** The rule of an operator's command. */
    private static Outcome operation(ZoneTransaction tx, ZoneCommand command, long time) {
        if (command instanceof DeclareHostOff c) {
            return FencingRules.declareOff(tx, c.ref(), c.operator(), time);
        } else if (command instanceof SetHostMaintenance c) {
            return HaRules.setMaintenance(tx, c.ref(), c.on(), time);
        } else if (command instanceof CreateHost c) {
            return ZoneRules.createHost(tx, c.spec(), time);
        } else if (command instanceof DeleteHost c) {
            return ZoneRules.deleteHost(tx, c.ref(), time);
        } else if (command instanceof SetHostEnabled c) {
            return ZoneRules.setHostEnabled(tx, c.ref(), c.enabled(), time);
        } else if (command instanceof SetFencingLevels c) {
            return ZoneRules.setFencingLevels(tx, c.ref(), c.levels(), time);
        } else if (command instanceof CreateVm c) {
            return ZoneRules.createVm(tx, c.spec(), time);
        } else if (command instanceof DeleteVm c) {
            return ZoneRules.deleteVm(tx, c.ref(), time);
        } else if (command instanceof StopVm c) {
            return VmRules.stop(tx, c.ref(), time);
        } else if (command instanceof StartVm c) {
            return VmRules.start(tx, c.ref(), c.host(), time);
        } else if (command instanceof RecoverVm c) {
            return VmRules.recover(tx, c.ref(), time);
        } else if (command instanceof SetVmHa c) {
            return VmRules.setHa(tx, c.ref(), c.ha(), c.priority(), time);
        } else if (command instanceof RegisterServers c) {
            return ZoneRules.registerServers(tx, c.servers());
        } else if (command instanceof AddServer c) {
            return ZoneRules.addServer(tx, c.name(), c.endpoint());
        } else if (command instanceof DeleteServer c) {
            return ZoneRules.deleteServer(tx, c.id());
        }
        return Outcome.refused("no rule for " + command.getClass().getSimpleName());
    }
}
