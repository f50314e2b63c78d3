package org.zonekeeper.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.zonekeeper.api.ZoneException;

/** PEM armour (RFC 7468) around DER bytes: certificates, requests, PKCS#8 keys. Key files are made mode 0600. */
final class Pem {

    private Pem() {
    }

    /** Writes {@code der} as one PEM block; a private file is created mode 0600 before anything is in it. */
    static void write(Path file, String type, byte[] der, boolean secret) throws IOException {
        String text = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
        replace(file, text.getBytes(StandardCharsets.US_ASCII), secret);
    }

    /**
     * Replaces {@code file} by {@code content} at once (written beside it, then moved); a private file is created
     * mode 0600 before anything is in it.
     */
    static void replace(Path file, byte[] content, boolean secret) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
        Files.write(temporary, content);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The DER bytes of the first {@code type} block of {@code file}. */
    static byte[] read(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ZoneException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        String begin = "-----BEGIN " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf("-----END " + type + "-----");
        if (from < 0 || to < from) {
            throw new ZoneException(file + " holds no PEM " + type);
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new ZoneException(file + ": its PEM " + type + " is not base64");
        }
    }
}
