package dev.almanac.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import dev.almanac.platform.secret.LocalKeys;

/**
 * The secret keys a service in JWT mode refuses to run with the public local defaults of (ADR 0078, ADR 0080): for a
 * local stack in JWT mode, random ones made once and kept in the home, since a webhook secret sealed with one must be
 * opened with the same one after a restart.
 */
final class LocalSecretKeys {

    static final String FILE = "secret-keys.properties";

    private LocalSecretKeys() {
    }

    /** The keys kept in {@code home}, made on first use: {@code ALMANAC_SEALING_KEY} and {@code ALMANAC_CHANGE_TOKEN_KEY}. */
    static Map<String, String> of(Path home) {
        Path file = home.resolve(LocalIssuer.DIRECTORY).resolve(FILE);
        Properties keys = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                    keys.load(in);
                }
            }
            boolean added = false;
            for (String name : new String[] {LocalKeys.SEALING_KEY, LocalKeys.CHANGE_TOKEN_KEY}) {
                if (keys.getProperty(name, "").isBlank()) {
                    byte[] key = new byte[32];
                    new SecureRandom().nextBytes(key);
                    keys.setProperty(name, Base64.getEncoder().encodeToString(key));
                    added = true;
                }
            }
            if (added) {
                Files.createDirectories(file.getParent());
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
                    keys.store(out, "The local stack's secret keys in JWT mode; deleting them makes sealed webhook secrets unreadable");
                }
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // A file system without POSIX permissions (Windows) keeps the home directory's.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the local stack's secret keys in " + file + " could not be read or written", e);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(LocalKeys.SEALING_KEY, keys.getProperty(LocalKeys.SEALING_KEY));
        environment.put(LocalKeys.CHANGE_TOKEN_KEY, keys.getProperty(LocalKeys.CHANGE_TOKEN_KEY));
        return environment;
    }
}
