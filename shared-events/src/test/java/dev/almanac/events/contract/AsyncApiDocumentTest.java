package dev.almanac.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.EventType;
import dev.almanac.events.catalog.TopicContract;

/**
 * {@code docs/asyncapi.yaml} is what the catalogue generates. After a contract change, rerun with
 * {@code -Dalmanac.asyncapi.update=true} to rewrite it and review the diff.
 */
class AsyncApiDocumentTest {

    private static final Path COMMITTED = Path.of(System.getProperty("almanac.repository", ".."), "docs", "asyncapi.yaml");

    @Test
    void theCommittedDocumentIsWhatTheCatalogueGenerates() throws IOException {
        String generated = AsyncApiDocument.render();
        if (Boolean.getBoolean("almanac.asyncapi.update")) {
            Files.writeString(COMMITTED, generated);
        }
        assertThat(Files.exists(COMMITTED)).as("%s exists", COMMITTED).isTrue();
        assertThat(Files.readString(COMMITTED))
                .as("%s is stale; rerun the shared-events tests with -Dalmanac.asyncapi.update=true", COMMITTED.normalize())
                .isEqualTo(generated);
    }

    @Test
    void describesEveryTopicAndEveryTypeWithItsKeyHeadersSchemaAndExample() {
        JsonNode document = AsyncApiDocument.document();

        assertThat(document.get("asyncapi").asString()).isEqualTo("3.0.0");
        for (TopicContract topic : EventCatalog.topics()) {
            assertThat(document.at("/channels/" + topic.topic() + "/address").asString()).isEqualTo(topic.topic());
        }
        for (EventType type : EventCatalog.all()) {
            JsonNode message = document.get("components").get("messages").get(type.ceType());
            assertThat(message).as(type.ceType()).isNotNull();
            assertThat(message.at("/bindings/kafka/key/description").asString()).isNotBlank();
            assertThat(message.at("/headers/properties/ce_type/const").asString()).isEqualTo(type.ceType());
            assertThat(message.at("/examples/0/headers/ce_type").asString()).isEqualTo(type.ceType());
            assertThat(message.at("/examples/0/payload").isObject()).isTrue();
            assertThat(document.get("components").get("schemas").get(type.ceType()).get("properties")).isNotNull();
        }
    }
}
