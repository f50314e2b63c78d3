package org.zonekeeper.fencing.ipmi.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.fencing.support.BmcCommand;

/**
 * Runs {@code ipmitool -I lanplus} against one BMC with the password in {@code IPMI_PASSWORD} ({@code -E}), trying
 * the configured cipher suites in order until the BMC accepts one (remembered per device), and turns its verbose
 * messages into failure kinds: a refused login is AUTH, no answer is UNREACHABLE.
 */
final class Ipmitool {
    private static final int DEFAULT_PORT = 623;

    private final Map<String, Integer> acceptedCipher = new ConcurrentHashMap<>();

    /** Runs one command ({@code chassis power status}, ...) and returns its standard output. */
    String run(FenceDevice device, IpmiOptions options, String... command) throws FencingException {
        List<Integer> ciphers = new ArrayList<>(options.ciphers());
        Integer known = acceptedCipher.get(device.name());
        if (known != null && ciphers.remove(known)) {
            ciphers.add(0, known);
        }
        FencingException refused = null;
        for (int cipher : ciphers) {
            BmcCommand.Result result = BmcCommand.of(argv(device, options, cipher, command))
                    .env("IPMI_PASSWORD", device.password().reveal())
                    .run(device.timeout().plus(Duration.ofSeconds(2)));
            if (result.exitCode() == 0) {
                acceptedCipher.put(device.name(), cipher);
                return result.stdout();
            }
            FencingException failure = classify(device, cipher, result);
            if (failure != null) {
                throw failure;
            }
            refused = new FencingException(Kind.PROTOCOL, where(device) + ": cipher suite " + cipher + " refused");
        }
        throw new FencingException(Kind.PROTOCOL, where(device) + ": no cipher suite of " + options.ciphers()
                + " accepted (option cipher)", refused);
    }

    private static List<String> argv(FenceDevice device, IpmiOptions options, int cipher, String... command) {
        long seconds = Math.max(1, device.timeout().toSeconds());
        List<String> argv = new ArrayList<>(List.of(options.ipmitool(), "-v", "-I", "lanplus", "-H",
                device.address(), "-p", String.valueOf(device.port() == 0 ? DEFAULT_PORT : device.port()), "-U",
                device.username(), "-E", "-L", options.privilege(), "-C", String.valueOf(cipher),
                // ipmitool waits -N seconds per send at each of its two session steps: it gives up before our deadline
                "-R", "1", "-N", String.valueOf(Math.max(1, seconds / 3))));
        argv.addAll(List.of(command));
        return argv;
    }

    /** The failure the output shows, or null when the BMC only refused the cipher suite (try the next). */
    private static FencingException classify(FenceDevice device, int cipher, BmcCommand.Result result) {
        String out = result.stdout() + "\n" + result.stderr();
        if (out.contains("invalid authentication algorithm") || out.contains("no matching cipher suite")
                || out.contains("Invalid cipher suite") || out.contains("invalid integrity algorithm")
                || out.contains("invalid confidentiality algorithm")) {
            return null;
        }
        if (out.contains("RAKP") || out.contains("unauthorized name") || out.contains("insufficient privilege")
                || out.contains("Invalid user name")) {
            return new FencingException(Kind.AUTH, where(device) + ": login refused (check username, password "
                    + "file and privilege)");
        }
        if (out.contains("Get Auth Capabilities error") || out.contains("Error issuing Get Channel")
                || out.contains("No response") || out.contains("Unable to establish")) {
            return new FencingException(Kind.UNREACHABLE, where(device) + ": no answer from the BMC");
        }
        return new FencingException(Kind.PROTOCOL, where(device) + ": ipmitool exited " + result.exitCode() + ": "
                + result.lastLine());
    }

    static String where(FenceDevice device) {
        return "ipmi device " + device.name() + " (" + device.address() + ":"
                + (device.port() == 0 ? DEFAULT_PORT : device.port()) + ")";
    }
}
