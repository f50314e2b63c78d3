package org.zonekeeper.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.Test;

public class MariaDbServerTest {

    @Test
    public void startsCreatesDatabaseWritesAndReadsRowThenCleansUp() throws Exception {
        Path dataDir;
        MariaDbServer db = MariaDbServer.start();
        try {
            String url = db.createDatabase("zone1");
            assertEquals("jdbc:mysql://127.0.0.1:" + db.port() + "/zone1", url);

            try (Connection c = db.connect(url)) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE host (id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL)");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO host VALUES (?, ?)")) {
                    ps.setLong(1, 7);
                    ps.setString(2, "kvm-07");
                    assertEquals(1, ps.executeUpdate());
                }
            }
            // A fresh connection reads what the first one committed (autocommit).
            try (Connection c = db.connect(url);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, name, @@version FROM host")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getLong(1));
                assertEquals("kvm-07", rs.getString(2));
                assertTrue("not a MariaDB server: " + rs.getString(3), rs.getString(3).contains("MariaDB"));
                assertFalse(rs.next());
            }
            dataDir = db.directory();
            assertTrue(Files.isDirectory(dataDir));
        } finally {
            db.close();
        }
        assertFalse("server still running after close", db.isRunning());
        assertFalse("directory left behind: " + dataDir, Files.exists(dataDir));
    }

    @Test
    public void userIsConfinedToGrantedDatabasesAndNamesAreChecked() throws Exception {
        try (MariaDbServer db = MariaDbServer.start()) {
            String url = db.createDatabase("granted");
            try {
                db.createDatabase("x`; DROP DATABASE mysql; --");
                fail("accepted an unsafe database name");
            } catch (IllegalArgumentException expected) {
                // names are checked before any SQL is built
            }
            try (Connection c = db.connect(url); Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1").close();
                try {
                    s.execute("CREATE DATABASE other");
                    fail("the test user must not create databases");
                } catch (SQLException expected) {
                    // access denied
                }
            }
            try {
                DriverManager.getConnection(url, db.user(), "wrong").close();
                fail("connected with a wrong password");
            } catch (SQLException expected) {
                // access denied
            }
        }
    }
}
