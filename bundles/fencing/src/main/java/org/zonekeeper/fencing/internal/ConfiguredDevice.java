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
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.config.InvalidConfigException;
import org.zonekeeper.api.config.Limits;

/**
 * One {@code org.zonekeeper.fencing.device} factory configuration. A configuration that does not check out is kept
 * with its reason, every bad key in one line (shown by fence:device-list, logged once), rather than failing the
 * component. A {@code password} key is refused and removed from the configuration at once, so that config:list (and
 * the .cfg file) stop showing it. A changed file replaces the device at once.
 */
@Component(service = {}, configurationPid = ConfiguredDevice.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ConfiguredDevice.Config.class, factory = true)
public final class ConfiguredDevice {
    static final String PID = "org.zonekeeper.fencing.device";
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredDevice.class);

    /**
     * {@code etc/org.zonekeeper.fencing.device-NAME.cfg}, checked by {@link Devices#device} before it is used. Keys
     * not declared here are the driver's options (for example {@code cipher}, {@code method}, {@code agent}).
     */
    @ObjectClassDefinition(id = PID, name = "zonekeeper fencing device", description = "A BMC, chassis "
            + "controller or fence agent that can power hosts off and on. One file per device: "
            + "etc/org.zonekeeper.fencing.device-NAME.cfg; NAME is the device's name. Other keys are driver options.")
    @interface Config {
        @AttributeDefinition(name = "name", description = "The device's name (default: NAME of the file name); "
                + "letters, digits, '.', '_', '-'.", required = false)
        String name() default "";

        @AttributeDefinition(name = "driver", description = "Driver: ipmi, redfish, ilo, drac, fence-agent, or the "
                + "name of any installed driver bundle.")
        String driver();

        @AttributeDefinition(name = "address", description = "Host name or IP address of the BMC.")
        String address();

        @AttributeDefinition(name = "port", description = "Port of the BMC; 0 uses the driver's default "
                + "(623 IPMI, 443 HTTPS, 22 SSH).")
        @Limits(min = 0, max = 65_535)
        int port() default 0;

        @AttributeDefinition(name = "username", description = "Login name on the BMC.")
        String username() default "";

        @AttributeDefinition(name = "password.file", description = "File holding the BMC password (its first "
                + "line), readable by the server only; relative to the Karaf home. A password in this configuration "
                + "would show in config:list, so a password key is refused.")
        String password_file() default "";

        @AttributeDefinition(name = "timeout.ms", description = "Deadline of one request to the BMC.")
        @Limits(min = 100, max = 3_600_000, unit = "ms")
        long timeout_ms() default 10000;

        @AttributeDefinition(name = "power.timeout.ms", description = "How long to wait for the power state to "
                + "read OFF (or ON) after a power command; past it the operation fails.")
        @Limits(min = 100, max = 3_600_000, unit = "ms")
        long power_timeout_ms() default 20000;

        @AttributeDefinition(name = "power.wait.ms", description = "Pause after a power command before the first "
                + "status read.")
        @Limits(min = 0, max = 3_600_000, unit = "ms")
        long power_wait_ms() default 0;

        @AttributeDefinition(name = "retries", description = "How many more times a request that got no answer is "
                + "sent (authentication failures are never retried).")
        @Limits(min = 0, max = 10)
        int retries() default 1;

        @AttributeDefinition(name = "host.map", description = "Hosts this device fences, comma or semicolon "
                + "separated HOST or HOST:PLUG (plug, slot, module or system id on the device), like Pacemaker's "
                + "pcmk_host_map.")
        String host_map() default "";

        @AttributeDefinition(name = "tls.ca", description = "PEM file of the certificates that sign the BMC's TLS "
                + "certificate (default: the JVM's trust store).")
        String tls_ca() default "";

        @AttributeDefinition(name = "tls.fingerprint", description = "SHA-256 fingerprint of the BMC's TLS "
                + "certificate (hex, colons allowed): only that certificate is accepted, whatever name it carries.")
        String tls_fingerprint() default "";

        @AttributeDefinition(name = "tls.insecure", description = "Accept any TLS certificate. Logged as a warning "
                + "on every use; for lab setups only.")
        boolean tls_insecure() default false;

        @AttributeDefinition(name = "ssh.host-key", description = "Fingerprint of the BMC's SSH host key as "
                + "ssh-keygen -l prints it (SHA256:...).")
        String ssh_host$_$key() default "";

        @AttributeDefinition(name = "ssh.known-hosts", description = "known_hosts file holding the BMC's SSH host "
                + "key.")
        String ssh_known$_$hosts() default "";
    }

    private final DeviceRegistry registry;
    private final ConfigurationAdmin configurations;
    private final String pid;

    @Activate
    public ConfiguredDevice(@Reference DeviceRegistry registry, @Reference ConfigurationAdmin configurations,
            Config config, Map<String, Object> properties) {
        this.registry = registry;
        this.configurations = configurations;
        this.pid = String.valueOf(properties.get("service.pid"));
        modified(config, properties);
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        String name = Devices.name(properties);
        try {
            var device = Devices.device(config, properties, Path.of(System.getProperty("karaf.home", ".")));
            registry.configured(pid, new DeviceRegistry.Entry(name, device, null));
            LOG.info("fencing device {}: {} at {}{}", name, device.driver(), device.address(),
                    device.port() == 0 ? "" : ":" + device.port());
        } catch (InvalidConfigException e) {
            registry.configured(pid, new DeviceRegistry.Entry(name, null, e.inOneLine()));
            LOG.error("{}", e.inOneLine());
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
