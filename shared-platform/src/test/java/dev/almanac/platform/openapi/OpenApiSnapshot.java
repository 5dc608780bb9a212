package dev.almanac.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Some of a service's generated OpenAPI paths, compared with a snapshot in its test resources
 * ({@code src/test/resources/openapi/<name>.json}): a refactoring of controllers or of their
 * annotations must leave what a client reads of them as it was. Objects are compared with their
 * keys sorted, so only a change of content counts, never the order springdoc happens to write.
 * The whole document is written, sorted alike, to {@code target/openapi/<name>-document.json},
 * for a reviewer to diff between two builds.
 *
 * <p>To accept a deliberate change of the API's documentation, run the test with
 * {@code -Dalmanac.openapi.update=true}; the snapshot is rewritten, and its diff shows the change.
 */
public final class OpenApiSnapshot {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private OpenApiSnapshot() {
    }

    /**
     * Asserts that {@code paths} are described in {@code apiDocs} as in the snapshot, each with all its operations.
     *
     * @param apiDocs the body of {@code /v3/api-docs}
     * @param name    the snapshot's name, the file's without {@code .json}
     * @param paths   the path templates compared, such as {@code /api/v1/calendars/{id}/deactivate}
     */
    public static void assertPathsMatch(String apiDocs, String name, String... paths) {
        String actual = paths(apiDocs, paths);
        write(Path.of("target/openapi", name + "-document.json").toAbsolutePath(), JSON.writeValueAsString(JSON.readTree(apiDocs)) + "\n");
        Path snapshot = Path.of("src/test/resources/openapi", name + ".json").toAbsolutePath();
        if (Boolean.getBoolean("almanac.openapi.update")) {
            write(snapshot, actual);
        }
        assertThat(actual)
                .as("the OpenAPI paths against %s; if the change is intended, rerun with "
                        + "-Dalmanac.openapi.update=true and review the snapshot's diff", snapshot)
                .isEqualTo(read(snapshot));
    }

    /** The named paths, each object's keys sorted, as indented JSON; a path the document lacks is null. */
    static String paths(String apiDocs, String... paths) {
        JsonNode documented = JSON.readTree(apiDocs).path("paths");
        ObjectNode selected = JSON.createObjectNode();
        for (String path : paths) {
            selected.set(path, documented.get(path));
        }
        return JSON.writeValueAsString(selected) + "\n";
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
