package org.zonekeeper.agent;

/**
 * The libvirt domain XML of a deploy: vcpus from {@code cpu} (percent of a core, as in OpenNebula: 250 is 2 vcpus,
 * at least 1), memory in MiB, the disk file as a raw virtio disk that the VM boots from, and a serial console on a
 * pty ({@code virsh console NAME}). No network.
 */
final class DomainXml {

    private DomainXml() {
    }

    /** {@code type} is kvm or qemu; {@code directIo} asks for cache='none', which needs O_DIRECT on the disk file. */
    static String of(DeployRequest spec, String type, boolean directIo) {
        return "<domain type='" + type + "'>\n"
                + "  <name>" + escape(spec.name()) + "</name>\n"
                + "  <memory unit='MiB'>" + spec.memoryMb() + "</memory>\n"
                + "  <vcpu>" + vcpus(spec.cpu()) + "</vcpu>\n"
                + "  <os>\n"
                + "    <type>hvm</type>\n"
                + "    <boot dev='hd'/>\n"
                + "  </os>\n"
                + "  <on_poweroff>destroy</on_poweroff>\n"
                + "  <on_reboot>restart</on_reboot>\n"
                + "  <on_crash>destroy</on_crash>\n"
                + "  <devices>\n"
                + "    <disk type='file' device='disk'>\n"
                + "      <driver name='qemu' type='raw'" + (directIo ? " cache='none'" : "") + "/>\n"
                + "      <source file='" + escape(spec.disk()) + "'/>\n"
                + "      <target dev='vda' bus='virtio'/>\n"
                + "    </disk>\n"
                + "    <console type='pty'/>\n"
                + "  </devices>\n"
                + "</domain>\n";
    }

    static int vcpus(int cpuPercent) {
        return Math.max(1, cpuPercent / 100);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;")
                .replace("\"", "&quot;");
    }
}
