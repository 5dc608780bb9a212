package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read models' snapshot is trusted by the next start only for the same build of query-service (ADR 0100). */
class ProjectionStampTest {

    private static final String OWN_LIBRARY = "BOOT-INF/lib/shared-events-0.1.0-SNAPSHOT.jar";
    private static final String OTHER_LIBRARY = "BOOT-INF/lib/jackson-databind-2.21.0.jar";
    private static final String PROJECTOR = "BOOT-INF/classes/dev/almanac/query/item/ItemProjector.class";

    @TempDir
    Path directory;

    @Test
    void theSameSourcesBuiltAgainKeepTheStampAndAnyChangeToQueryServiceOrItsLibrariesChangesIt() throws IOException {
        String built = ProjectionStamp.of(bootJar("built.jar", "projector v1", "events v1", Instant.parse("2026-12-01T10:00:00Z")));

        assertThat(ProjectionStamp.of(bootJar("rebuilt.jar", "projector v1", "events v1", Instant.parse("2026-12-02T06:00:00Z"))))
                .as("the project's own library packed again with new times").isEqualTo(built);
        assertThat(ProjectionStamp.of(bootJar("projector.jar", "projector v2", "events v1", Instant.parse("2026-12-01T10:00:00Z"))))
                .as("a class of query-service changed").isNotEqualTo(built);
        assertThat(ProjectionStamp.of(bootJar("events.jar", "projector v1", "events v2", Instant.parse("2026-12-01T10:00:00Z"))))
                .as("a class of the contracts changed").isNotEqualTo(built);
        assertThat(ProjectionStamp.of(directory.resolve("not-built.jar"))).as("no jar, no snapshot trusted").isNotEqualTo(built)
                .startsWith("missing:");
    }

    private Path bootJar(String name, String projector, String events, Instant packedAt) throws IOException {
        Path jar = directory.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            put(zip, PROJECTOR, projector.getBytes(StandardCharsets.UTF_8), packedAt);
            put(zip, OWN_LIBRARY, library(Map.of("dev/almanac/events/ItemScheduled.class", events), packedAt), packedAt);
            put(zip, OTHER_LIBRARY, library(Map.of("tools/jackson/Mapper.class", "mapper"), Instant.parse("2025-01-01T00:00:00Z")),
                    Instant.parse("2025-01-01T00:00:00Z"));
        }
        return jar;
    }

    private static byte[] library(Map<String, String> classes, Instant packedAt) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : classes.entrySet()) {
                put(zip, entry.getKey(), entry.getValue().getBytes(StandardCharsets.UTF_8), packedAt);
            }
        }
        return bytes.toByteArray();
    }

    /** Stored, not deflated, as Spring Boot stores its libraries, with the CRC in the entry's header. */
    private static void put(ZipOutputStream zip, String name, byte[] content, Instant time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        entry.setLastModifiedTime(FileTime.from(time));
        zip.putNextEntry(entry);
        OutputStream out = zip;
        out.write(content);
        zip.closeEntry();
    }
}
