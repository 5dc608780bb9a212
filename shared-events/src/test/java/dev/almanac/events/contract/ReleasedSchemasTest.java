package dev.almanac.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.EventType;

/** The build's compatibility gate: no released event contract changes in a way that breaks a reader. */
class ReleasedSchemasTest {

    static final String RELEASED = "/almanac/released-schemas/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void noReleasedContractChangesInABreakingWay() {
        assertThat(gate(released(), current())).isEmpty();
    }

    @Test
    void everyReleasedTypeIsStillPublishedOrSucceededByANewerVersion() {
        Map<String, JsonNode> current = current();
        for (String ceType : released().keySet()) {
            assertThat(current.containsKey(ceType) || successorOf(ceType, current.keySet()))
                    .as("%s was released; keep publishing it, or publish a newer version of it", ceType)
                    .isTrue();
        }
    }

    /** The breaking changes between two sets of schemas, by {@code ce_type}; a newer version of a type is a new contract. */
    static List<String> gate(Map<String, JsonNode> released, Map<String, JsonNode> current) {
        List<String> breaking = new ArrayList<>();
        released.forEach((ceType, releasedSchema) -> {
            JsonNode currentSchema = current.get(ceType);
            if (currentSchema == null) {
                if (!successorOf(ceType, current.keySet())) {
                    breaking.add(ceType + ": removed without a newer version");
                }
                return;
            }
            SchemaCompatibility.breakingChanges(releasedSchema, currentSchema)
                    .forEach(change -> breaking.add(ceType + " " + change));
        });
        return breaking;
    }

    static boolean successorOf(String ceType, Iterable<String> candidates) {
        String family = ceType.substring(0, ceType.lastIndexOf(".v") + 2);
        int version = Integer.parseInt(ceType.substring(family.length()));
        for (String candidate : candidates) {
            if (candidate.startsWith(family) && Integer.parseInt(candidate.substring(family.length())) > version) {
                return true;
            }
        }
        return false;
    }

    static Map<String, JsonNode> current() {
        Map<String, JsonNode> schemas = new TreeMap<>();
        for (EventType type : EventCatalog.all()) {
            schemas.put(type.ceType(), read(type.schemaResource()));
        }
        return schemas;
    }

    static Map<String, JsonNode> released() {
        Map<String, JsonNode> schemas = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory(RELEASED))) {
            files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json"))
                    .forEach(name -> schemas.put(name.substring(0, name.length() - ".json".length()), read(RELEASED + name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(schemas).as("released schemas in %s", RELEASED).isNotEmpty();
        return schemas;
    }

    static JsonNode read(String resource) {
        try (InputStream in = ReleasedSchemasTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory(String resource) {
        URL url = ReleasedSchemasTest.class.getResource(resource);
        assertThat(url).as(resource).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
