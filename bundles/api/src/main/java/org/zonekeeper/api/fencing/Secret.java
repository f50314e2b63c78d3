package org.zonekeeper.api.fencing;

import java.util.Arrays;

/** A password or token. It never prints: {@link #toString()} is a mask, only {@link #reveal()} gives the value. */
public final class Secret {
    private static final Secret NONE = new Secret(new char[0]);

    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? NONE : new Secret(value.toCharArray());
    }

    public static Secret none() {
        return NONE;
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    /** The value, for handing to a BMC (an environment variable, stdin, a request body). */
    public String reveal() {
        return new String(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return isEmpty() ? "" : "********";
    }
}
