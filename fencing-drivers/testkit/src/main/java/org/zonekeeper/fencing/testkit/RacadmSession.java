package org.zonekeeper.fencing.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** An SSH channel of the racadm emulator served on a thread of its own; racadm prints errors on stdout. */
abstract class RacadmSession implements Command {
    protected final RacadmEmulator emulator;
    protected InputStream in;
    protected OutputStream out;
    protected ExitCallback exit;
    private Thread thread;

    RacadmSession(RacadmEmulator emulator) {
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
        // everything goes to standard output
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        thread = new Thread(() -> {
            try {
                serve();
            } catch (IOException | InterruptedException e) {
                // the channel closed or the session was torn down
            }
        }, getClass().getSimpleName());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Serves the channel until it ends; reports the exit status through {@link #exit}. */
    protected abstract void serve() throws IOException, InterruptedException;

    protected void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
