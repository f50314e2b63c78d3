package org.zonekeeper.fencing.drac.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.PowerState;

/**
 * racadm {@code serveraction} over SSH: {@code racadm serveraction [-m MODULE] ACTION} as one exec command. The
 * power status reads "Server power status: ON" (DRAC 5, iDRAC) or a bare "ON" (CMC), the regular expression
 * fence_drac5 uses; a line starting with "ERROR" is a refusal.
 */
final class Racadm {
    /** fence_drac5's status expression; "Powering ON/OFF" are transitions, hence UNKNOWN here. */
    private static final Pattern STATUS = Pattern.compile("(?:^|: )(ON|OFF|Powering ON|Powering OFF)\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final Pattern ERROR = Pattern.compile("^\\s*ERROR\\b.*$", Pattern.MULTILINE);
    private static final int MAX_EXCERPT = 200;

    private final DracSsh ssh;

    Racadm(DracSsh ssh) {
        this.ssh = ssh;
    }

    static String command(String module, String action) {
        return "racadm serveraction " + (module.isEmpty() ? "" : "-m " + module + " ") + action;
    }

    PowerState status(FenceDevice device, String module) throws FencingException {
        String command = command(module, "powerstatus");
        String out = run(device, command);
        Matcher m = STATUS.matcher(out);
        if (!m.find()) {
            throw new FencingException(Kind.PROTOCOL, DracSsh.where(device) + ": unexpected answer to '" + command
                    + "': '" + excerpt(out) + "'");
        }
        return switch (m.group(1).toUpperCase(java.util.Locale.ROOT)) {
            case "ON" -> PowerState.ON;
            case "OFF" -> PowerState.OFF;
            default -> PowerState.UNKNOWN;
        };
    }

    /** Sends a power action (powerdown, powerup, powercycle, hardreset); an ERROR answer is PROTOCOL. */
    void power(FenceDevice device, String module, String action) throws FencingException {
        run(device, command(module, action));
    }

    /** Runs a racadm line and returns its output, ANSI attributes removed; ERROR or a non-zero exit fails. */
    private String run(FenceDevice device, String command) throws FencingException {
        DracSsh.Result result = ssh.exec(device, command);
        String out = ANSI.matcher(result.output()).replaceAll("").replace("\r", "");
        Matcher error = ERROR.matcher(out);
        if (error.find()) {
            throw new FencingException(Kind.PROTOCOL, DracSsh.where(device) + ": '" + command + "' answered '"
                    + excerpt(error.group()) + "'");
        }
        if (result.exitStatus() != null && result.exitStatus() != 0) {
            throw new FencingException(Kind.PROTOCOL, DracSsh.where(device) + ": '" + command + "' exited "
                    + result.exitStatus() + ": '" + excerpt(out) + "'");
        }
        return out;
    }

    static String excerpt(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_EXCERPT ? line : line.substring(0, MAX_EXCERPT) + "...";
    }
}
