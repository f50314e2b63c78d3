package org.zonekeeper.agent.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a heartbeat disk and finds writers that were alive at the same time: two live copies of one VM. */
public final class SharedDiskChecker {

    /** When one writer (a guest run) wrote, and from which host. */
    public record Writer(String id, String host, long first, long last) {
    }

    private SharedDiskChecker() {
    }

    public static List<Writer> writers(Path disk) throws IOException {
        Map<String, Writer> writers = new LinkedHashMap<>();
        for (String line : Files.readAllLines(disk)) {
            String[] f = line.split(" ");
            if (f.length != 4) {
                continue;
            }
            long t = Long.parseLong(f[0]);
            writers.merge(f[3], new Writer(f[3], f[2], t, t),
                    (a, b) -> new Writer(a.id(), a.host(), Math.min(a.first(), t), Math.max(a.last(), t)));
        }
        return List.copyOf(writers.values());
    }

    /** Pairs of writers whose heartbeats interleave: one wrote while the other had not stopped. */
    public static List<String> overlaps(Path disk) throws IOException {
        List<Writer> all = writers(disk);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Writer a = all.get(i);
                Writer b = all.get(j);
                if (Math.max(a.first(), b.first()) <= Math.min(a.last(), b.last())) {
                    found.add(a.host() + " and " + b.host() + " both wrote " + disk.getFileName() + " between "
                            + Math.max(a.first(), b.first()) + " and " + Math.min(a.last(), b.last()));
                }
            }
        }
        return found;
    }
}
