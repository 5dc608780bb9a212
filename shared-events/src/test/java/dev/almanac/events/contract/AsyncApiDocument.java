package dev.almanac.events.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import dev.almanac.events.Tenant;
import dev.almanac.events.Topics;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.EventType;
import dev.almanac.events.catalog.TopicContract;
import dev.almanac.events.envelope.CloudEventHeaders;

/**
 * Writes {@code docs/asyncapi.yaml}, the AsyncAPI 3 description of every topic, from the event
 * catalogue, the JSON Schemas and the wire samples. Nothing in it is written by hand, so it
 * cannot drift from the contracts; {@code AsyncApiDocumentTest} fails the build when the
 * committed file is not what this produces.
 */
final class AsyncApiDocument {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            // Every string quoted: unquoted, a YAML 1.1 reader would take ce_time for a timestamp.
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .build();

    private AsyncApiDocument() {
    }

    static String render() {
        return YAML.writeValueAsString(document());
    }

    static ObjectNode document() {
        ObjectNode document = JSON.createObjectNode();
        document.put("asyncapi", "3.0.0");
        ObjectNode info = document.putObject("info");
        info.put("title", "Almanac events");
        info.put("version", "0.1.0");
        info.put("description", """
                Every fact Almanac records, as Kafka topics that other services can follow. Records use \
                the CloudEvents Kafka binding in binary mode: the value is the event's JSON (snake_case \
                fields, lower-case enum values, ISO-8601 instants in UTC), and the envelope travels in \
                headers. Each topic is keyed so that one entity's events stay in order on one partition. \
                Delivery is at least once: consumers apply an event only if its almanac_aggregate_version \
                is newer than the version they hold for ce_subject, which makes a redelivery a no-op. \
                Generated from shared-events' EventCatalog; do not edit by hand.""");
        document.put("defaultContentType", CloudEventHeaders.JSON);
        ObjectNode server = document.putObject("servers").putObject("local");
        server.put("host", "127.0.0.1:9092");
        server.put("protocol", "kafka");
        server.put("description", "The broker of the local stack (./run-local); set ALMANAC_KAFKA_BOOTSTRAP elsewhere.");

        ObjectNode channels = document.putObject("channels");
        ObjectNode operations = document.putObject("operations");
        ObjectNode components = document.putObject("components");
        ObjectNode messages = components.putObject("messages");
        ObjectNode schemas = components.putObject("schemas");
        for (TopicContract topic : EventCatalog.topics()) {
            ObjectNode channel = channels.putObject(topic.topic());
            channel.put("address", topic.topic());
            channel.put("description", topic.description() + " Key: " + topic.key()
                    + ". Records that no consumer can apply go to " + topic.topic() + ".DLT.");
            ObjectNode channelMessages = channel.putObject("messages");
            ObjectNode operation = operations.putObject("publish-" + topic.topic());
            operation.put("action", "send");
            operation.putObject("channel").put("$ref", "#/channels/" + topic.topic());
            ArrayNode operationMessages = operation.putArray("messages");
            for (EventType type : EventCatalog.onTopic(topic.topic())) {
                channelMessages.putObject(type.ceType()).put("$ref", "#/components/messages/" + type.ceType());
                operationMessages.addObject().put("$ref", "#/channels/" + topic.topic() + "/messages/" + type.ceType());
                if (!messages.has(type.ceType())) {
                    // A copy topic carries records of types its original already described.
                    messages.set(type.ceType(), message(topic, type));
                    schemas.set(type.ceType(), payloadSchema(type));
                }
            }
        }
        return document;
    }

    private static ObjectNode message(TopicContract topic, EventType type) {
        JsonNode schema = read(type.schemaResource());
        ObjectNode message = JSON.createObjectNode();
        message.put("name", type.name());
        message.put("title", type.name() + " v" + type.version());
        message.put("summary", schema.path("description").asString());
        message.put("contentType", CloudEventHeaders.JSON);
        message.set("headers", headers(type));
        message.putObject("payload").put("$ref", "#/components/schemas/" + type.ceType());
        ObjectNode kafka = message.putObject("bindings").putObject("kafka");
        kafka.putObject("key").put("type", "string").put("description", topic.key());
        kafka.put("bindingVersion", "0.5.0");
        JsonNode sample = read("/almanac/samples/" + type.ceType() + ".json");
        ObjectNode example = message.putArray("examples").addObject();
        example.put("name", "wire-sample");
        example.put("summary", "The record its producer's tests put on the wire (shared-events/src/test/resources/almanac/samples)");
        example.set("headers", sample.get("headers"));
        example.set("payload", sample.get("value"));
        return message;
    }

    private static ObjectNode payloadSchema(EventType type) {
        ObjectNode schema = (ObjectNode) read(type.schemaResource()).deepCopy();
        schema.remove(List.of("$schema", "$id"));
        return schema;
    }

    private static ObjectNode headers(EventType type) {
        ObjectNode headers = JSON.createObjectNode();
        headers.put("type", "object");
        ArrayNode required = headers.putArray("required");
        ObjectNode properties = headers.putObject("properties");
        header(properties, required, CloudEventHeaders.SPEC_VERSION, "CloudEvents spec version").put("const", "1.0");
        header(properties, required, CloudEventHeaders.ID, "The event id; the same when the event is published again");
        header(properties, required, CloudEventHeaders.TYPE, "The event type and its contract version").put("const", type.ceType());
        header(properties, required, CloudEventHeaders.SOURCE, "The producing service, for example /almanac/command-service");
        header(properties, required, CloudEventHeaders.TIME, "When the fact happened, ISO-8601 in UTC").put("format", "date-time");
        header(properties, required, CloudEventHeaders.SUBJECT, "The entity the event is about; its versions are counted by almanac_aggregate_version");
        header(properties, required, CloudEventHeaders.CONTENT_TYPE, "Always application/json").put("const", CloudEventHeaders.JSON);
        header(properties, required, CloudEventHeaders.AGGREGATE_VERSION,
                "The subject's version after this event, from 0; apply only versions newer than the one held").put("pattern", "^[0-9]+$");
        header(properties, required, CloudEventHeaders.ACTOR, "Who caused the fact");
        header(properties, required, CloudEventHeaders.CORRELATION_ID, "Ties together everything one request caused");
        properties.putObject(CloudEventHeaders.TRACEPARENT).put("type", "string")
                .put("description", "W3C trace context of the cause, when it carried one");
        properties.putObject(CloudEventHeaders.CAUSATION_ID).put("type", "string")
                .put("description", "The id of the message that caused this event: the command, or the event a consumer reacted to;"
                        + " absent where the producer does not record it");
        properties.putObject(CloudEventHeaders.TENANT).put("type", "string").put("pattern", "^" + Tenant.PATTERN + "$")
                .put("description", "In a multi-tenant deployment, the tenant whose fact this is: the one every id of the event"
                        + " begins with (<tenant>:<id>, ADR 0102). Absent in a single-tenant deployment and where the ids name no"
                        + " tenant");
        properties.putObject(CloudEventHeaders.REPLAYED_FROM).put("type", "string")
                .put("description", "Only on a record an operator replayed from the topic's dead-letter topic (dlt-replay):"
                        + " <dlt>-<partition>@<offset>. The event is the same, with the same ce_id and version; a consumer that"
                        + " applied it already changes nothing");
        if (type.topic().equals(Topics.OCCURRENCES)) {
            properties.putObject(CloudEventHeaders.RULE_DERIVED).put("type", "string").put("const", CloudEventHeaders.RULE_DERIVED_VALUE)
                    .put("description", "Present when the record's effect follows from almanac.rules.v1 alone (an occurrence in"
                            + " series or moved, any withdrawal): a consumer that computes rule occurrences from the rules topic"
                            + " may skip the record by this header without reading its value. Never on missed or backfill runs");
        }
        return headers;
    }

    private static ObjectNode header(ObjectNode properties, ArrayNode required, String name, String description) {
        required.add(name);
        return properties.putObject(name).put("type", "string").put("description", description);
    }

    private static JsonNode read(String resource) {
        try (InputStream in = AsyncApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
