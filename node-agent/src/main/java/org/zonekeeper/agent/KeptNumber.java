package org.zonekeeper.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A number that only goes up, kept in one file across restarts (and a power cycle, when the state directory is on
 * local disk): a new highest value is synced to disk before {@link #admit} returns, so nothing is done in its name
 * before it is kept.
 */
final class KeptNumber {
    private final Path file;
    private long highest;

    KeptNumber(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        String saved = Files.exists(file) ? Files.readString(file).strip() : "0";
        try {
            this.highest = Long.parseLong(saved);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + ": '" + saved + "' is not a number; remove the file only if no "
                    + "older front-end leader can still reach this agent");
        }
    }

    /** Records {@code value} if it is the highest yet; false when it is below one already kept. */
    synchronized boolean admit(long value) throws IOException {
        if (value < highest) {
            return false;
        }
        if (value > highest) {
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.write(next, (value + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            highest = value;
        }
        return true;
    }

    synchronized long highest() {
        return highest;
    }
}
