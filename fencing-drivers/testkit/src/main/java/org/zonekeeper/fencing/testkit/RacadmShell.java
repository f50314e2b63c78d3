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
 * The DRAC's interactive login shell: prints the banner and prompt, echoes what is typed (the client's terminal is
 * in raw mode), takes CR, LF or CR LF as one Enter, answers each line and prints the prompt again; "exit" (or
 * "logout", "quit") ends the session.
 */
final class RacadmShell implements Command {
    private final RacadmEmulator emulator;
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;
    private Thread thread;

    RacadmShell(RacadmEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        // a terminal session has one output stream
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        thread = new Thread(this::run, "racadm-shell");
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
        String prompt = emulator.flavour().prompt();
        try {
            write(emulator.flavour().banner() + prompt);
            StringBuilder line = new StringBuilder();
            boolean afterCr = false;
            for (int b; (b = in.read()) >= 0;) {
                boolean lf = b == '\n';
                if (lf && afterCr) {
                    afterCr = false;
                    continue;
                }
                afterCr = b == '\r';
                if (afterCr || lf) {
                    write("\r\n");
                    String command = line.toString().trim();
                    line.setLength(0);
                    if (command.equals("exit") || command.equals("logout") || command.equals("quit")) {
                        exit.onExit(0);
                        return;
                    }
                    String answer = emulator.respond(command);
                    write(answer.isEmpty() ? prompt : answer.replace("\n", "\r\n") + "\r\n" + prompt);
                } else if (b == 0x7f || b == 0x08) {
                    if (line.length() > 0) {
                        line.setLength(line.length() - 1);
                        write("\b \b");
                    }
                } else if (b >= 0x20) {
                    line.append((char) b);
                    out.write(b);
                    out.flush();
                }
            }
            exit.onExit(0);
        } catch (IOException | InterruptedException e) {
            // the channel closed or the session was torn down
        }
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
