package org.zonekeeper.agent;

import java.io.IOException;
import java.nio.file.Path;

/** {@code java -jar zonekeeper-node-agent.jar --config agent.properties}: runs until killed. */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: java -jar zonekeeper-node-agent.jar --config FILE");
            System.exit(2);
        }
        AgentSettings settings;
        Vmm vmm;
        try {
            settings = AgentSettings.load(Path.of(args[1]));
            vmm = vmm(settings);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        AgentServer server = new AgentServer(settings, vmm);
        System.out.println("zonekeeper node agent of " + settings.hostName() + " listening on " + settings.listenHost()
                + ":" + server.port() + (settings.trust() == null ? " (plain HTTP: tls.enabled = false)" : " (HTTPS)"));
        Thread.currentThread().join();
    }

    private static Vmm vmm(AgentSettings settings) throws IOException {
        return switch (settings.vmm()) {
            case "kvm" -> new KvmVmm(settings.stateDir(), settings.kvm());
            default -> new ProcessVmm(settings.stateDir(), settings.hostName());
        };
    }
}
