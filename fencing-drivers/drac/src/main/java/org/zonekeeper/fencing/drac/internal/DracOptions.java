package org.zonekeeper.fencing.drac.internal;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.fencing.redfish.RedfishOptions;

/**
 * The drac driver's options. {@code mode}: {@code racadm} (default: DRAC 5, iDRAC, CMC over SSH) or
 * {@code redfish} (iDRAC 7 and later, with the redfish driver's options {@code system} and {@code reboot}). In
 * racadm mode: {@code module}, the CMC server module (e.g. {@code server-1}) when the host map gives no plug, and
 * {@code method}, how reboot works: {@code onoff} (default: off confirmed, then on), {@code powercycle} or
 * {@code hardreset}.
 */
record DracOptions(boolean redfish, String module, String method) {
    static final String MODE = "mode";
    static final String MODULE = "module";
    static final String METHOD = "method";
    static final Set<String> RACADM_KEYS = Set.of(MODE, MODULE, METHOD);
    static final Set<String> METHODS = Set.of("onoff", "powercycle", "hardreset");
    /** CMC module names (server-1, server-1a, switch-2); they go into a racadm command line, so nothing else. */
    private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    static DracOptions of(FenceDevice device) throws FencingException {
        String mode = device.option(MODE).orElse("racadm");
        if (!mode.equals("racadm") && !mode.equals("redfish")) {
            throw invalid(device, MODE, "'" + mode + "' is neither racadm nor redfish");
        }
        boolean redfish = mode.equals("redfish");
        Set<String> known = new TreeSet<>(redfish ? RedfishOptions.KEYS : RACADM_KEYS);
        known.add(MODE);
        for (String key : new TreeSet<>(device.options().keySet())) {
            if (!known.contains(key)) {
                throw invalid(device, key, "is not a drac option in " + mode + " mode (" + String.join(", ", known)
                        + ")");
            }
        }
        if (redfish) {
            RedfishOptions.validate(device);
            return new DracOptions(true, "", "");
        }
        String module = device.option(MODULE).orElse("").strip();
        if (!module.isEmpty() && !MODULE_NAME.matcher(module).matches()) {
            throw invalid(device, MODULE, "'" + module + "' is not a module name like server-1");
        }
        String method = device.option(METHOD).orElse("onoff").strip();
        if (!METHODS.contains(method)) {
            throw invalid(device, METHOD, "'" + method + "' is not onoff, powercycle or hardreset");
        }
        return new DracOptions(false, module, method);
    }

    /** The module a command is for: the plug if given, else option {@code module}; "" for a single server. */
    String moduleFor(FenceDevice device, String plug) throws FencingException {
        String chosen = plug == null || plug.isBlank() ? module : plug.strip();
        if (!chosen.isEmpty() && !MODULE_NAME.matcher(chosen).matches()) {
            throw new FencingException(Kind.CONFIG, "drac device " + device.name() + ": host.map: plug '" + chosen
                    + "' is not a CMC module name like server-1");
        }
        return chosen;
    }

    /** The module {@code check} reads: option {@code module}, else the first plug of the host map, else none. */
    String moduleForCheck(FenceDevice device) throws FencingException {
        String plug = module.isEmpty() ? new TreeSet<>(device.hostMap().values()).stream().filter(p -> !p.isBlank())
                .findFirst().orElse("") : module;
        return moduleFor(device, plug);
    }

    private static FencingException invalid(FenceDevice device, String key, String problem) {
        return new FencingException(Kind.CONFIG, "drac device " + device.name() + ": " + key + ": " + problem);
    }
}
