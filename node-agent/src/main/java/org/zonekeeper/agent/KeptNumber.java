package org.zonekeeper.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A number that only goes up, and who brought it, kept in one file across restarts (and a power cycle, when the
 * state directory is on local disk): a new highest value or its first named holder is synced to disk before
 * {@link #admit} returns, so nothing is done in its name before it is kept. The file holds {@code VALUE} or
 * {@code VALUE HOLDER}.
 */
final class KeptNumber {
    private final Path file;
    private long highest;
    private String holder;

    KeptNumber(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        String saved = Files.exists(file) ? Files.readString(file).strip() : "0";
        String[] fields = saved.split(" ", 2);
        try {
            this.highest = Long.parseLong(fields[0]);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + ": '" + saved + "' is not a number; remove the file only if no "
                    + "older front-end leader can still reach this agent");
        }
        this.holder = fields.length > 1 ? fields[1].strip() : "";
    }

    /** Records {@code value} if it is the highest yet; false when it is below one already kept. */
    boolean admit(long value) throws IOException {
        return admit(value, "");
    }

    /**
     * Records {@code value} if it is the highest yet, brought by {@code by} (empty: unknown); false when it is below
     * one already kept, or equal to the highest while that was brought by another known holder.
     */
    synchronized boolean admit(long value, String by) throws IOException {
        if (value < highest || (value == highest && !holder.isEmpty() && !by.isEmpty() && !holder.equals(by))) {
            return false;
        }
        if (value > highest || (holder.isEmpty() && !by.isEmpty())) {
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.write(next, ((by.isEmpty() ? "" + value : value + " " + by) + "\n")
                    .getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            highest = value;
            holder = by;
        }
        return true;
    }

    synchronized long highest() {
        return highest;
    }

    /** Who brought the highest value, empty when unknown. */
    synchronized String holder() {
        return holder;
    }
}
