package org.zonekeeper.agent;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The {@code kvm.*} keys of agent.properties: the libvirt URI virsh connects to, the domain type (kvm, or qemu for
 * TCG emulation on hosts without /dev/kvm), and where libvirt keeps the pid files of running domains.
 */
record KvmSettings(String uri, String domainType, Path pidDir) {

    static KvmSettings load(String where, Properties p) {
        String uri = p.getProperty("kvm.uri", "qemu:///system").trim();
        if (uri.isEmpty()) {
            throw new IllegalArgumentException(where + ": kvm.uri: is empty (leave it out for qemu:///system)");
        }
        String type = p.getProperty("kvm.domain.type", "kvm").trim();
        if (!type.equals("kvm") && !type.equals("qemu")) {
            throw new IllegalArgumentException(where + ": kvm.domain.type: '" + type + "' is not kvm or qemu");
        }
        Path pidDir = Path.of(p.getProperty("kvm.pid.dir", "/run/libvirt/qemu").trim());
        if (!pidDir.isAbsolute()) {
            throw new IllegalArgumentException(where + ": kvm.pid.dir: '" + pidDir + "' is not an absolute path");
        }
        return new KvmSettings(uri, type, pidDir);
    }
}
