package org.zonekeeper.fencing.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Metatype of {@code etc/org.zonekeeper.fencing.device-NAME.cfg}; values are checked by {@link DeviceSettings}.
 * Keys not listed here are the driver's options (for example {@code cipher}, {@code mode}, {@code agent}).
 */
@ObjectClassDefinition(id = DeviceConfig.PID, name = "zonekeeper fencing device", description = "A BMC, chassis "
        + "controller or fence agent that can power hosts off and on. One file per device: "
        + "etc/org.zonekeeper.fencing.device-NAME.cfg; NAME is the device's name. Other keys are driver options.")
@interface DeviceConfig {
    String PID = "org.zonekeeper.fencing.device";

    @AttributeDefinition(name = "driver", description = "Driver: ipmi, redfish, ilo, drac, fence-agent, or the "
            + "name of any installed driver bundle.")
    String driver();

    @AttributeDefinition(name = "address", description = "Host name or IP address of the BMC.")
    String address();

    @AttributeDefinition(name = "port", description = "Port of the BMC; 0 uses the driver's default "
            + "(623 IPMI, 443 HTTPS, 22 SSH).")
    int port() default 0;

    @AttributeDefinition(name = "username", description = "Login name on the BMC.")
    String username() default "";

    @AttributeDefinition(name = "password.file", description = "File holding the BMC password (its first line), "
            + "readable by the server only; relative to the Karaf home. A password in this configuration would "
            + "show in config:list, so a password key is refused.")
    String password_file() default "";

    @AttributeDefinition(name = "timeout.ms", description = "Deadline of one request to the BMC.")
    long timeout_ms() default 10000;

    @AttributeDefinition(name = "power.timeout.ms", description = "How long to wait for the power state to read "
            + "OFF (or ON) after a power command; past it the operation fails.")
    long power_timeout_ms() default 20000;

    @AttributeDefinition(name = "power.wait.ms", description = "Pause after a power command before the first "
            + "status read.")
    long power_wait_ms() default 0;

    @AttributeDefinition(name = "retries", description = "How many more times a request that got no answer is "
            + "sent (authentication failures are never retried).")
    int retries() default 1;

    @AttributeDefinition(name = "host.map", description = "Hosts this device fences, comma or semicolon "
            + "separated HOST or HOST:PLUG (plug, slot, module or system id on the device), like Pacemaker's "
            + "pcmk_host_map.")
    String host_map() default "";

    @AttributeDefinition(name = "tls.ca", description = "PEM file of the certificates that sign the BMC's TLS "
            + "certificate (default: the JVM's trust store).")
    String tls_ca() default "";

    @AttributeDefinition(name = "tls.fingerprint", description = "SHA-256 fingerprint of the BMC's TLS certificate "
            + "(hex, colons allowed): only that certificate is accepted, whatever name it carries.")
    String tls_fingerprint() default "";

    @AttributeDefinition(name = "tls.insecure", description = "Accept any TLS certificate. Logged as a warning on "
            + "every use; for lab setups only.")
    boolean tls_insecure() default false;

    @AttributeDefinition(name = "ssh.host-key", description = "Fingerprint of the BMC's SSH host key as "
            + "ssh-keygen -l prints it (SHA256:...).")
    String ssh_host_key() default "";

    @AttributeDefinition(name = "ssh.known-hosts", description = "known_hosts file holding the BMC's SSH host key.")
    String ssh_known_hosts() default "";
}
