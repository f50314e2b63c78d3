package org.zonekeeper.testkit;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for test daemons, taken below the kernel's ephemeral range: a port from {@code new ServerSocket(0)} can be
 * given to some outgoing connection between the moment it is chosen and the moment the daemon binds it (seen when a
 * Karaf server was restarted minutes later on its old SSH port).
 */
public final class Ports {
    /** Lowest port handed out. */
    public static final int LOW = 20000;

    private Ports() {
    }

    /** The first port of the ephemeral range ({@code ip_local_port_range}); 32768 when it cannot be read. */
    public static int ephemeralLow() {
        try {
            // readAllLines, not readString: /proc files report size 0 and readString returned one byte here
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }

    /** A port free on loopback now, below the ephemeral range. */
    public static int free() {
        return freeBase(1, 1, 1);
    }

    /** Binds something to a port from {@link #free()}; takes another port when that one was taken meanwhile. */
    public static <T> T bind(Binder<T> binder) throws IOException {
        BindException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                return binder.bind(free());
            } catch (BindException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Binds a listener to the port it is given. */
    @FunctionalInterface
    public interface Binder<T> {
        T bind(int port) throws IOException;
    }

    /** A base B such that B + step*i + j is free for every i < count and j < width, all below the ephemeral range. */
    public static int freeBase(int step, int width, int count) {
        int high = ephemeralLow() - step * count - width;
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(LOW, high);
            if (allFree(base, step, width, count)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range below " + ephemeralLow());
    }

    private static boolean allFree(int base, int step, int width, int count) {
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < width; j++) {
                try (ServerSocket ignored = new ServerSocket(base + step * i + j, 1, InetAddress.getLoopbackAddress())) {
                    // free
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
