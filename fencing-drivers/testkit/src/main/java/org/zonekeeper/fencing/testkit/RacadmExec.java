package org.zonekeeper.fencing.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * One command sent as an SSH exec request ({@code ssh root@drac racadm serveraction powerstatus}): its answer on
 * standard output, then exit status 0, or 1 when the answer is an ERROR.
 */
final class RacadmExec implements Command {
    private final RacadmEmulator emulator;
    private final String command;
    private OutputStream out;
    private ExitCallback exit;
    private Thread thread;

    RacadmExec(RacadmEmulator emulator, String command) {
        this.emulator = emulator;
        this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
        // racadm reads nothing
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        // racadm prints its errors on standard output
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        thread = new Thread(this::run, "racadm-exec");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        try {
            String answer = emulator.respond(command);
            out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            exit.onExit(answer.startsWith("ERROR") ? 1 : 0);
        } catch (IOException | InterruptedException e) {
            // the channel closed or the session was torn down
        }
    }
}
