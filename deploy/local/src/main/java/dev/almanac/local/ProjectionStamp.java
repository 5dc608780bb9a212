package dev.almanac.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * What the read models' snapshot is stamped with (ADR 0100): a digest of the code that wrote them, query-service's
 * executable jar, classes and libraries. A snapshot of another stamp is rebuilt from the topics, not trusted: any change
 * to query-service or to a library it runs with may change what it projects, and no one has to remember to bump a
 * version for it. Rebuilding the same sources gives the same stamp: classes count by their bytes (the zip's CRC), and
 * the project's own libraries, which Maven packs again with new timestamps at every build, by their entries' bytes;
 * a library from the repository keeps its bytes, so its name and CRC stand for it.
 */
final class ProjectionStamp {

    private static final String CLASSES = "BOOT-INF/classes/";
    private static final String LIBRARIES = "BOOT-INF/lib/";

    private ProjectionStamp() {
    }

    /** The stamp of this executable jar; a jar that is not there gets one of its own, which matches no snapshot's. */
    static String of(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return "missing:" + jar;
        }
        Map<String, String> parts = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                String name = entry.getName();
                if (entry.isDirectory() || !(name.startsWith(CLASSES) || name.startsWith(LIBRARIES))) {
                    continue;
                }
                boolean ownLibrary = name.startsWith(LIBRARIES) && name.contains("-SNAPSHOT");
                if (ownLibrary) {
                    try (InputStream library = zip.getInputStream(entry)) {
                        parts.put(name, contentsOf(library));
                    }
                } else {
                    parts.put(name, Long.toHexString(entry.getCrc()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + jar + " to stamp the read models' snapshot", e);
        }
        MessageDigest digest = sha256();
        parts.forEach((name, part) -> digest.update((name + '=' + part + '\n').getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A library's entries by name and the CRC of their bytes, whatever the times they carry. */
    private static String contentsOf(InputStream library) throws IOException {
        Map<String, Long> entries = new TreeMap<>();
        ZipInputStream zip = new ZipInputStream(library);
        byte[] buffer = new byte[8192];
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            CRC32 crc = new CRC32();
            for (int read = zip.read(buffer); read > 0; read = zip.read(buffer)) {
                crc.update(buffer, 0, read);
            }
            entries.put(entry.getName(), crc.getValue());
        }
        MessageDigest digest = sha256();
        entries.forEach((name, crc) -> digest.update((name + '=' + Long.toHexString(crc) + '\n').getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
