package org.zonekeeper.fencing.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Map;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.ZoneException;

/**
 * One {@code org.zonekeeper.fencing.device} factory configuration. A configuration that does not parse is kept with
 * its reason (shown by fence:device-list, logged once) rather than failing the component. A {@code password} key is
 * refused and removed from the configuration at once, so that config:list (and the .cfg file) stop showing it.
 */
@Component(service = {}, configurationPid = DeviceConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DeviceConfig.class, factory = true)
public final class ConfiguredDevice {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredDevice.class);

    private final DeviceRegistry registry;
    private final ConfigurationAdmin configurations;
    private final String pid;

    @Activate
    public ConfiguredDevice(@Reference DeviceRegistry registry, @Reference ConfigurationAdmin configurations,
            Map<String, Object> properties) {
        this.registry = registry;
        this.configurations = configurations;
        this.pid = String.valueOf(properties.get("service.pid"));
        modified(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        String name = DeviceSettings.name(properties);
        try {
            var device = DeviceSettings.parse(properties, Path.of(System.getProperty("karaf.home", ".")));
            registry.configured(pid, new DeviceRegistry.Entry(name, device, null));
            LOG.info("fencing device {}: {} at {}{}", name, device.driver(), device.address(),
                    device.port() == 0 ? "" : ":" + device.port());
        } catch (ZoneException e) {
            registry.configured(pid, new DeviceRegistry.Entry(name, null, e.getMessage()));
            LOG.error("{}", e.getMessage());
        }
        if (properties.containsKey("password")) {
            dropPassword(name);
        }
    }

    private void dropPassword(String name) {
        try {
            Configuration configuration = configurations.getConfiguration(pid, null);
            Dictionary<String, Object> kept = configuration.getProperties();
            if (kept != null && kept.remove("password") != null) {
                configuration.update(kept);
                LOG.warn("fencing device {}: the password key was removed from its configuration; put the password in "
                        + "a file and name it in password.file", name);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("fencing device {}: could not remove the password key from its configuration: {}", name,
                    e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        registry.removed(pid);
    }
}
