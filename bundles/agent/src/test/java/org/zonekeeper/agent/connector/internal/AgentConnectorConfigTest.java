package org.zonekeeper.agent.connector.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.config.InvalidConfigException;

public class AgentConnectorConfigTest {

    @Rule
    public TemporaryFolder home = new TemporaryFolder();

    private Path token(String content, String mode) throws Exception {
        Path file = home.getRoot().toPath().resolve("etc/agent.token");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    public void theTokenIsReadFromTheDefaultFile() throws Exception {
        token("t0ken\n", "rw-------");
        assertEquals("t0ken", AgentConnector.token(Map.of(), home.getRoot().toPath()).reveal());
    }

    @Test
    public void anEmptyTokenIsRefusedWithTheOtherBadKeys() throws Exception {
        Path file = token("\n", "rw-------");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> AgentConnector.token(Map.of("port", "0", "request.timeout.ms", "soon"), home.getRoot().toPath()));
        assertEquals("org.zonekeeper.agent: port: 0 is out of range 1..65535\n"
                + "org.zonekeeper.agent: request.timeout.ms: 'soon' is not a whole number\n"
                + "org.zonekeeper.agent: token.file: " + file + " is empty", e.getMessage());
    }

    @Test
    public void aTokenFileOthersCanReadIsRefusedWithItsPath() throws Exception {
        Path file = token("t0ken\n", "rw-r--r--");
        assertEquals("org.zonekeeper.agent: token.file: " + file + " is open to others (mode rw-r--r--): chmod 600 it",
                assertThrows(InvalidConfigException.class, () -> AgentConnector.token(Map.of(),
                        home.getRoot().toPath())).getMessage());
    }
}
