package org.zonekeeper.zone.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the leader and follower hooks one at a time, in the order the roles changed, each killed with
 * its process tree when it outlives the hook timeout. A role is announced once until it changes. A hook that fails
 * (exit code, timeout, cannot start) is run again after a growing pause (1 s doubling to 30 s) until it succeeds or
 * the role changes: a follower hook that failed to release the floating IP must not leave it held.
 */
final class RoleHooks implements AutoCloseable {

    enum Role { LEADER, FOLLOWER }

    private static final Logger LOG = LoggerFactory.getLogger(RoleHooks.class);
    private static final int MAX_OUTPUT = 500;
    private static final long FIRST_RETRY_MS = 1000;
    private static final long LAST_RETRY_MS = 30_000;

    private final List<String> leaderCommand;
    private final List<String> followerCommand;
    private final Duration timeout;
    private final Path home;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "zonekeeper-role-hooks");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Role announced;

    /** Relative commands are found under {@code home}, which is also their working directory. */
    RoleHooks(List<String> leaderCommand, List<String> followerCommand, Duration timeout, Path home) {
        this.leaderCommand = leaderCommand;
        this.followerCommand = followerCommand;
        this.timeout = timeout;
        this.home = home;
    }

    synchronized void announce(Role role) {
        if (role == announced) {
            return;
        }
        announced = role;
        List<String> command = role == Role.LEADER ? leaderCommand : followerCommand;
        LOG.info("this server is now {}", role.name().toLowerCase());
        if (!command.isEmpty()) {
            try {
                runner.execute(() -> run(role, command));
            } catch (RejectedExecutionException e) {
                LOG.debug("closed: hook.{}.command not run", role.name().toLowerCase());
            }
        }
    }

    /** Runs the role's hook until it succeeds or another role is announced. */
    private void run(Role role, List<String> command) {
        for (long pause = FIRST_RETRY_MS; !runOnce(role, command) && announced == role;
                pause = Math.min(pause * 2, LAST_RETRY_MS)) {
            LOG.warn("hook.{}.command runs again in {} ms", role.name().toLowerCase(), pause);
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One run of the hook; true when it exited 0 in time. */
    private boolean runOnce(Role role, List<String> command) {
        String hook = "hook." + role.name().toLowerCase() + ".command";
        try {
            List<String> line = new ArrayList<>(command);
            if (line.get(0).contains("/")) {
                line.set(0, home.resolve(line.get(0)).toString());
            }
            Path output = Files.createTempFile("zonekeeper-hook", ".out");
            try {
                Process process = new ProcessBuilder(line).directory(home.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    LOG.error("{} {} killed after {} ms (hook.timeout.ms){}", hook, line.get(0), timeout.toMillis(),
                            tail(output));
                    return false;
                } else if (process.exitValue() != 0) {
                    LOG.error("{} {} failed with exit code {}{}", hook, line.get(0), process.exitValue(), tail(output));
                    return false;
                }
                LOG.info("{} {} succeeded{}", hook, line.get(0), tail(output));
                return true;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            LOG.error("{} {} could not run: {}", hook, command.get(0), e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The end of the hook's output, on one line, for the log. */
    private static String tail(Path output) throws IOException {
        String text = Files.readString(output).strip().replaceAll("\\s*\\n\\s*", " | ");
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > MAX_OUTPUT ? "..." + text.substring(text.length() - MAX_OUTPUT) : text);
    }

    /** Lets the hook of the last role announced finish (one hook timeout and a second at most), then stops. */
    @Override
    public void close() {
        runner.shutdown();
        try {
            if (!runner.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                LOG.warn("role hooks still running at shutdown are stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            runner.shutdownNow();
        }
    }
}
