package org.zonekeeper.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A private MariaDB server, run as a real process on a free loopback port with its own
 * data directory, for tests. It never touches a system service or the system's config
 * files ({@code --no-defaults}). Close it to stop the server and delete its directory.
 *
 * <pre>{@code
 * try (MariaDbServer db = MariaDbServer.start()) {
 *     String url = db.createDatabase("zone1");
 *     try (Connection c = db.connect(url)) { ... }
 * }
 * }</pre>
 *
 * Administration uses root over JDBC (root has no password on this private server, so no
 * secret is ever put on a command line). Databases are for the user {@link #user()},
 * whose random {@link #password()} is never logged.
 */
public final class MariaDbServer extends PrivateDaemon {

    private static final String USER = "zonekeeper";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN = Duration.ofSeconds(30);
    private static final int ATTEMPTS = 3;

    private final Path dir;
    private final int port;
    private final Process process;
    private final String password;

    private MariaDbServer(Path dir, int port, Process process, String password) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.password = password;
        stopAtExit("mariadb-" + port);
    }

    /**
     * Initializes a data directory, starts {@code mariadbd} and waits until it accepts
     * connections. Fails (never skips) when the MariaDB binaries are not installed.
     */
    public static MariaDbServer start() throws IOException {
        Path mariadbd = Processes.which("mariadbd").orElseThrow(() -> new IllegalStateException(
                "mariadbd not found: run ./test.sh, which installs mariadb-server"));
        Path installDb = Processes.require("mariadb-install-db", "mariadb-server");
        Path dir = Files.createTempDirectory("zk-mariadb-");
        try {
            Processes.run(Duration.ofMinutes(2), installDb.toString(), "--no-defaults",
                    "--datadir=" + dir.resolve("data"), "--user=root",
                    "--auth-root-authentication-method=normal", "--skip-test-db").orThrow();
            // A free port is only probed, so another process may bind it first: retry.
            for (int attempt = 1; attempt < ATTEMPTS; attempt++) {
                MariaDbServer server = launch(mariadbd, dir, Ports.free(), false);
                if (server != null) {
                    return server;
                }
            }
            return launch(mariadbd, dir, Ports.free(), true);
        } catch (IOException | RuntimeException e) {
            DaemonFiles.deleteTree(dir, "MariaDbServer");
            throw e;
        }
    }

    /** Returns null when the port was taken and {@code lastAttempt} is false. */
    private static MariaDbServer launch(Path mariadbd, Path dir, int port, boolean lastAttempt)
            throws IOException {
        Path log = dir.resolve("mariadbd-" + port + ".log");
        Process p = new ProcessBuilder(mariadbd.toString(), "--no-defaults",
                "--datadir=" + dir.resolve("data"), "--port=" + port, "--socket=" + dir.resolve("sock"),
                "--user=root", "--bind-address=127.0.0.1", "--skip-name-resolve")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(adminUrl(port), "root", "")) {
                break;
            } catch (SQLException e) {
                boolean exited = !p.isAlive();
                if (exited || System.nanoTime() > deadline) {
                    Processes.kill(p, Duration.ZERO);
                    String lastLines = DaemonFiles.tail(log);
                    if (exited && !lastAttempt && lastLines.contains("Address already in use")) {
                        return null;
                    }
                    throw new IOException("mariadbd on port " + port + (exited ? " exited " + p.exitValue()
                            : " not ready within " + STARTUP) + "; last log lines:\n" + lastLines, e);
                }
            }
            DaemonFiles.sleep(200, "mariadbd");
        }
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        try (Connection c = DriverManager.getConnection(adminUrl(port), "root", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + password + "'");
        } catch (SQLException e) {
            Processes.kill(p, Duration.ZERO);
            throw new IOException("mariadbd on port " + port + ": cannot create user " + USER, e);
        }
        return new MariaDbServer(dir, port, p, password);
    }

    public int port() {
        return port;
    }

    /** The server's own directory (data, socket, log), deleted on close. */
    public Path directory() {
        return dir;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    /**
     * Creates a database that {@link #user()} may use fully, and returns its JDBC URL,
     * {@code jdbc:mysql://127.0.0.1:PORT/NAME} (credentials are not in it).
     */
    public String createDatabase(String name) throws SQLException {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + NAME + ": " + name);
        }
        try (Connection c = DriverManager.getConnection(adminUrl(port), "root", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + name + "`");
            s.execute("GRANT ALL ON `" + name + "`.* TO '" + USER + "'@'%'");
        }
        return "jdbc:mysql://127.0.0.1:" + port + "/" + name;
    }

    /** The user and password, as JDBC connection properties. */
    public Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", password);
        return p;
    }

    /** Opens a connection to a URL from {@link #createDatabase} as {@link #user()}. */
    public Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, credentials());
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s) and deletes its directory. */
    @Override
    protected void stop() {
        Processes.kill(process, SHUTDOWN);
        DaemonFiles.deleteTree(dir, "MariaDbServer");
    }

    @Override
    public String toString() {
        return "MariaDbServer[127.0.0.1:" + port + ", " + dir + "]";
    }

    private static String adminUrl(int port) {
        return "jdbc:mysql://127.0.0.1:" + port + "/?sslMode=DISABLED&connectTimeout=2000";
    }

}
