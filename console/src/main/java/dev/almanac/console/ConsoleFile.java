package dev.almanac.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import org.jspecify.annotations.Nullable;

/**
 * One file the console serves, as read once: its bytes, their gzip form when that is smaller, its type, and an ETag
 * of its content.
 *
 * @param immutable whether its path names its version, so a browser may keep it for a year without asking again
 */
record ConsoleFile(byte[] body, byte @Nullable [] gzipped, String contentType, String etag, boolean immutable) {

    static ConsoleFile of(byte[] body, String contentType, boolean immutable) {
        byte[] gzipped = compressible(contentType) ? gzip(body) : null;
        return new ConsoleFile(body, gzipped != null && gzipped.length < body.length ? gzipped : null, contentType,
                "\"" + sha256(body).substring(0, 24) + "\"", immutable);
    }

    private static boolean compressible(String contentType) {
        return contentType.startsWith("text/") || contentType.startsWith("application/json")
                || contentType.startsWith("image/svg+xml");
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(9);
            }
        }) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ConsoleFile json(String body) {
        return of(body.getBytes(StandardCharsets.UTF_8), "application/json", false);
    }
}
