package org.zonekeeper.fencing.testkit;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.zonekeeper.testkit.Processes;

/**
 * A real IPMI v2 (RMCP+) BMC: OpenIPMI's {@code ipmi_sim} on 127.0.0.1, one user at ADMINISTRATOR level, and a
 * chassis-control script keeping the power state in a file. A power-off (on) can run a shell snippet, e.g. to kill
 * the processes of the host this BMC stands for. Faults: {@link #stuck} (commands accepted, state never changes)
 * and {@link #stop()} (no BMC answers).
 */
public final class IpmiSim implements AutoCloseable {
    private static final String SCRIPT = """
            #!/bin/sh
            # ipmi_sim chassis control: "get power" prints power:0|1, "set power 0|1" changes it.
            dir='%s'
            case "$1 $2" in
              "get power") echo "power:$(cat "$dir/power")" ;;
              "set power")
                echo "$3" >> "$dir/commands"
                [ -e "$dir/stuck" ] && exit 0
                old=$(cat "$dir/power")
                # the host's processes die before the BMC reports the new state, as with real power
                if [ "$3" = 0 ] && [ "$old" = 1 ] && [ -x "$dir/when-off" ]; then "$dir/when-off" >/dev/null 2>&1; fi
                if [ "$3" = 1 ] && [ "$old" = 0 ] && [ -x "$dir/when-on" ]; then "$dir/when-on" >/dev/null 2>&1; fi
                echo "$3" > "$dir/power"
                ;;
            esac
            """;

    private final Path dir;
    private final int port;
    private final String user;
    private final String password;
    private Process process;

    private IpmiSim(Path dir, int port, String user, String password) {
        this.dir = dir;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** Writes the configuration into {@code dir} and starts the BMC with the power on; returns once it answers. */
    public static IpmiSim start(Path dir, String user, String password) throws IOException {
        Files.createDirectories(dir.resolve("state"));
        IpmiSim sim = new IpmiSim(dir, freeUdpPort(), user, password);
        sim.configure();
        sim.setOn(true);
        sim.start();
        return sim;
    }

    private void configure() throws IOException {
        Path script = dir.resolve("chassis.sh");
        Files.writeString(script, SCRIPT.formatted(dir));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("lan.conf"), """
                name "zk-bmc"
                set_working_mc 0x20
                  startlan 1
                    addr 127.0.0.1 %d
                    priv_limit admin
                    allowed_auths_callback none md2 md5 straight
                    allowed_auths_user none md2 md5 straight
                    allowed_auths_operator none md2 md5 straight
                    allowed_auths_admin none md2 md5 straight
                    guid a123456789abcdefa123456789abcdef
                  endlan
                  chassis_control "%s"
                  user 1 true  ""     ""   user  10 none md2 md5 straight
                  user 2 true  "%s" "%s" admin 10 none md2 md5 straight
                """.formatted(port, script, user, password));
        Files.writeString(dir.resolve("bmc.emu"), """
                mc_setbmc 0x20
                mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr
                mc_enable 0x20
                """);
    }

    /** (Re)starts the BMC process; returns once a status request is answered. */
    public synchronized void start() throws IOException {
        Path sim = Processes.require("ipmi_sim", "openipmi");
        process = new ProcessBuilder(sim.toString(), "-c", "lan.conf", "-f", "bmc.emu", "-s", "state", "-n")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("sim.log").toFile())
                .start();
        Path ipmitool = Processes.require("ipmitool", "ipmitool");
        for (int i = 0; i < 50; i++) {
            ProcessBuilder probe = new ProcessBuilder(ipmitool.toString(), "-I", "lanplus", "-H", "127.0.0.1", "-p",
                    String.valueOf(port), "-U", user, "-E", "-C", "3", "-R", "1", "-N", "1", "chassis", "power",
                    "status").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            probe.environment().put("IPMI_PASSWORD", password);
            try {
                Process p = probe.start();
                if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return;
                }
                p.destroyForcibly();
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting ipmi_sim", e);
            }
        }
        throw new IOException("ipmi_sim on port " + port + " does not answer; see " + dir.resolve("sim.log"));
    }

    /** Takes the BMC down: nothing answers on its port until {@link #start()}. */
    public synchronized void stop() {
        if (process != null) {
            Processes.kill(process, Duration.ofSeconds(2));
            process = null;
        }
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public boolean isOn() throws IOException {
        return Files.readString(dir.resolve("power")).strip().equals("1");
    }

    /** Sets the power state without running the actions (test setup). */
    public void setOn(boolean on) throws IOException {
        Files.writeString(dir.resolve("power"), on ? "1\n" : "0\n");
    }

    /** When stuck, power commands are accepted but the state never changes. */
    public void stuck(boolean stuck) throws IOException {
        Path flag = dir.resolve("stuck");
        if (stuck) {
            Files.writeString(flag, "");
        } else {
            Files.deleteIfExists(flag);
        }
    }

    /** Runs {@code shell} (sh syntax) each time the power goes from on to off. */
    public void whenOff(String shell) throws IOException {
        action("when-off", shell);
    }

    /** Runs {@code shell} (sh syntax) each time the power goes from off to on. */
    public void whenOn(String shell) throws IOException {
        action("when-on", shell);
    }

    private void action(String name, String shell) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + shell + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    /** The power commands the BMC received (0 = off, 1 = on), oldest first; a cycle shows as 0 then 1. */
    public List<String> powerCommands() throws IOException {
        Path log = dir.resolve("commands");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Override
    public void close() {
        stop();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
