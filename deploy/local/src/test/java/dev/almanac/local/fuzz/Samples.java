package dev.almanac.local.fuzz;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SplittableRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Valid values for a schema, so that a case changes one thing at a time. Field names the schema
 * cannot describe (a calendar or resource that exists, a zone, a cron, an end after the start) come from
 * {@link #KNOWN}; everything else from the schema's type, format, enum and bounds.
 */
final class Samples {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, JsonNode> known;

    /**
     * @param calendarId a calendar that exists, for fields that must name one
     * @param resourceId a resource that exists, for fields that must name one
     */
    Samples(String calendarId, String resourceId) {
        Instant start = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        this.known = Map.ofEntries(
                Map.entry("calendar_id", NODES.stringNode(calendarId)),
                Map.entry("queue", NODES.stringNode(calendarId)),
                Map.entry("resource_id", NODES.stringNode(resourceId)),
                Map.entry("timezone", NODES.stringNode("America/New_York")),
                Map.entry("cron", NODES.stringNode("0 2 * * 0")),
                Map.entry("start", NODES.stringNode(start.toString())),
                Map.entry("end", NODES.stringNode(start.plus(1, ChronoUnit.HOURS).toString())),
                Map.entry("new_time", NODES.stringNode(start.plus(2, ChronoUnit.HOURS).toString())),
                Map.entry("from", NODES.stringNode(start.toString())),
                Map.entry("till", NODES.stringNode(start.plus(7, ChronoUnit.DAYS).toString())),
                Map.entry("estimated_duration", NODES.stringNode("5m")),
                Map.entry("capacity", NODES.numberNode(2)),
                Map.entry("cursor", NODES.stringNode("")));
    }

    /** A valid value for a field named {@code name} of schema {@code schema}; ids are fresh, so creations do not collide. */
    JsonNode valid(String name, JsonNode schema, SplittableRandom random) {
        if (known.containsKey(name) && !name.equals("cursor")) {
            return known.get(name);
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        switch (schema.path("type").asString("object")) {
            case "string":
                if ("date-time".equals(schema.path("format").asString(""))) {
                    return known.get("start");
                }
                if (name.equals("id")) {
                    return NODES.stringNode("fuzz-" + Long.toHexString(random.nextLong()));
                }
                return NODES.stringNode("fuzz " + name);
            case "integer":
            case "number":
                return NODES.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            case "boolean":
                return NODES.booleanNode(true);
            case "array":
                ArrayNode array = NODES.arrayNode();
                array.add(valid(name + "[]", schema.path("items"), random));
                return array;
            default:
                return object(schema, random);
        }
    }

    /** An object with every required property, and optional ones too, all valid. */
    ObjectNode object(JsonNode schema, SplittableRandom random) {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            object.set(property.getKey(), valid(property.getKey(), property.getValue(), random));
        }
        return object;
    }
}
