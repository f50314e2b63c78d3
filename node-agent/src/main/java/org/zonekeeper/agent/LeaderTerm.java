package org.zonekeeper.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The highest leader term this agent has heard of, kept in {@code STATE_DIR/leader-term} across restarts (and a
 * power cycle, when the state directory is on local disk). A deploy or stop naming an older term comes from a
 * front-end that no longer leads, and is refused; the new term is on disk before anything is done in its name.
 */
final class LeaderTerm {
    private final Path file;
    private long highest;

    LeaderTerm(Path stateDir) throws IOException {
        this.file = Files.createDirectories(stateDir).resolve("leader-term");
        String saved = Files.exists(file) ? Files.readString(file).strip() : "0";
        try {
            this.highest = Long.parseLong(saved);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + ": '" + saved + "' is not a term; remove the file only if no "
                    + "older front-end leader can still reach this agent");
        }
    }

    /** Records {@code term} if it is the highest yet; false when it is older than one already seen. */
    synchronized boolean admit(long term) throws IOException {
        if (term < highest) {
            return false;
        }
        if (term > highest) {
            Path next = file.resolveSibling("leader-term.next");
            Files.write(next, (term + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            highest = term;
        }
        return true;
    }

    synchronized long highest() {
        return highest;
    }
}
