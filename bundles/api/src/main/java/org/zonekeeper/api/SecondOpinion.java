package org.zonekeeper.api;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The other servers' view of hosts the leader cannot reach (the mass-failure guard's second opinion): each other
 * server of the zone is asked, through its status channel, to probe the hosts itself ({@link HostReach}) and says
 * which it reached. Registered on every server while its zone member runs.
 */
@ProviderType
public interface SecondOpinion {

    /**
     * Asks every other server of the zone at once which of {@code hosts} it reaches, each probing for at most
     * {@code timeout}; returns one answer per other server within {@code timeout} plus one second. A server that
     * does not answer in time, answers with an error or does not prove to be that server gives an answer that is
     * not {@link Answer#answered() answered}: it cannot tell.
     */
    List<Answer> ask(Collection<Host> hosts, Duration timeout);

    /**
     * One server's answer: the ids of the hosts it reached, or, when it gave none, why ({@code error} not null).
     */
    record Answer(String server, Set<Long> reached, String error) {

        public Answer {
            reached = Set.copyOf(reached);
        }

        /** {@code server} answered and reached {@code reached}. */
        public static Answer of(String server, Set<Long> reached) {
            return new Answer(server, reached, null);
        }

        /** {@code server} gave no answer: it cannot tell, for {@code why}. */
        public static Answer none(String server, String why) {
            return new Answer(server, Set.of(), why);
        }

        /** Whether the server answered; if not, it neither reached nor missed any host. */
        public boolean answered() {
            return error == null;
        }
    }
}
