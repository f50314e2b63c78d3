package org.zonekeeper.shell.internal;

import org.zonekeeper.api.ZoneException;

/** The {@code on|off} argument of host:maintenance and vm:ha. */
final class OnOff {

    private OnOff() {
    }

    static boolean parse(String mode) {
        if (!mode.equals("on") && !mode.equals("off")) {
            throw new ZoneException("mode: '" + mode + "' is not on or off");
        }
        return mode.equals("on");
    }
}
