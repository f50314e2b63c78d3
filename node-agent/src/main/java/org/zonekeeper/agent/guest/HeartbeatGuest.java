package org.zonekeeper.agent.guest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The default guest of the process VMM: appends "MILLIS VM HOST WRITER" to its disk file every 200 ms (synced), so
 * that two live copies of one VM on shared storage show as two writers at the same time.
 */
public final class HeartbeatGuest {

    private HeartbeatGuest() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path disk = Path.of(args[0]);
        Files.createDirectories(disk.toAbsolutePath().getParent());
        String writer = UUID.randomUUID().toString();
        try (FileChannel out = FileChannel.open(disk, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (true) {
                String line = System.currentTimeMillis() + " " + args[1] + " " + args[2] + " " + writer + "\n";
                out.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
                out.force(false);
                Thread.sleep(200);
            }
        }
    }
}
