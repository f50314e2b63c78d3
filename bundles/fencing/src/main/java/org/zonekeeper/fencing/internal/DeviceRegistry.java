package org.zonekeeper.fencing.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.zonekeeper.api.fencing.DeviceInfo;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingDriver;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;

/**
 * The configured devices and the installed drivers, both of which come and go at run time (a .cfg in etc/, a driver
 * bundle in deploy/). A device is usable when its configuration parsed, its driver is installed and the driver
 * accepts its options.
 */
@Component(service = DeviceRegistry.class)
public final class DeviceRegistry {

    /** A device configuration as received: parsed, or the one-line reason it was refused. */
    record Entry(String name, FenceDevice device, String problem) {
    }

    /** A device ready to be driven. */
    record Usable(FenceDevice device, FencingDriver driver) {
    }

    private final Map<String, Entry> byPid = new ConcurrentHashMap<>();
    private final Map<String, FencingDriver> drivers = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDriver(FencingDriver driver, Map<String, Object> properties) {
        drivers.put(driverName(properties), driver);
    }

    void removeDriver(FencingDriver driver, Map<String, Object> properties) {
        drivers.remove(driverName(properties), driver);
    }

    private static String driverName(Map<String, Object> properties) {
        return String.valueOf(properties.get(FencingDriver.DRIVER));
    }

    void configured(String pid, Entry entry) {
        byPid.put(pid, entry);
    }

    void removed(String pid) {
        byPid.remove(pid);
    }

    /** The usable device of that name, or CONFIG naming why it is not usable. */
    Usable find(String name) throws FencingException {
        List<Entry> matches = byPid.values().stream().filter(e -> e.name().equals(name)).toList();
        if (matches.isEmpty()) {
            throw new FencingException(Kind.CONFIG, "no fencing device named '" + name + "' on this server (add "
                    + "etc/" + ConfiguredDevice.PID + "-" + name + ".cfg)");
        }
        if (matches.size() > 1) {
            throw new FencingException(Kind.CONFIG, "fencing device name '" + name + "' is configured twice");
        }
        Entry entry = matches.get(0);
        if (entry.problem() != null) {
            throw new FencingException(Kind.CONFIG, entry.problem());
        }
        FencingDriver driver = drivers.get(entry.device().driver());
        if (driver == null) {
            throw new FencingException(Kind.CONFIG, "fencing device " + name + ": driver '" + entry.device().driver()
                    + "' is not installed (installed: " + String.join(", ", drivers.keySet().stream().sorted()
                    .toList()) + ")");
        }
        driver.validate(entry.device());
        return new Usable(entry.device(), driver);
    }

    /** Every configured device, by name, with the reason it cannot be used if any. */
    List<DeviceInfo> devices() {
        List<DeviceInfo> infos = new ArrayList<>();
        for (Entry e : byPid.values()) {
            String problem = e.problem();
            if (problem == null) {
                try {
                    find(e.name());
                } catch (FencingException ex) {
                    problem = ex.getMessage();
                }
            }
            FenceDevice d = e.device();
            infos.add(d == null ? new DeviceInfo(e.name(), "", "", 0, "", false, Map.of(), problem)
                    : new DeviceInfo(d.name(), d.driver(), d.address(), d.port(), d.username(), !d.password().isEmpty(),
                            d.hostMap(), problem));
        }
        infos.sort(Comparator.comparing(DeviceInfo::name));
        return infos;
    }

    /** Names of the parsed devices whose host map names {@code host}, sorted. */
    List<String> devicesMapping(String host) {
        return byPid.values().stream().filter(e -> e.device() != null && e.device().hostMap().containsKey(host))
                .map(Entry::name).sorted().toList();
    }
}
