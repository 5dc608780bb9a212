package dev.almanac.events.contract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Compares an event type's JSON Schema with its last released one and names every change that
 * breaks a reader on either side of the change: a consumer built against the released schema
 * reading new events, or a new consumer reading the released events still in the topic.
 *
 * <ul>
 *   <li>{@code removed}: a field the released schema declared is gone;</li>
 *   <li>{@code retyped}: a field's JSON type changed, null included;</li>
 *   <li>{@code newly_required}: a field is required that was not, so released events lack it;</li>
 *   <li>{@code no_longer_required}: a required field may now be missing, which released consumers refuse;</li>
 *   <li>{@code enum_narrowed}: an enum lost a value that released events may carry;</li>
 *   <li>{@code narrowed}: a constraint ({@code pattern}, {@code format}, lengths, bounds,
 *       {@code additionalProperties: false}) now refuses values the released schema allowed.</li>
 * </ul>
 *
 * Adding an optional field and widening an enum or a bound are compatible: consumers ignore
 * fields they do not know. A breaking change needs a new version of the type.
 */
public final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    public static List<String> breakingChanges(JsonNode released, JsonNode current) {
        List<String> changes = new ArrayList<>();
        compare("", released, current, changes);
        return changes;
    }

    private static void compare(String path, JsonNode released, JsonNode current, List<String> changes) {
        String where = path.isEmpty() ? "(root)" : path;
        Set<String> releasedTypes = types(released);
        Set<String> currentTypes = types(current);
        if (!releasedTypes.equals(currentTypes)) {
            changes.add(where + ": retyped from " + releasedTypes + " to " + currentTypes);
            return;
        }
        narrowedEnum(where, released, current, changes);
        narrowedConstraints(where, released, current, changes);

        JsonNode releasedProperties = released.path("properties");
        JsonNode currentProperties = current.path("properties");
        Set<String> releasedRequired = strings(released.path("required"));
        Set<String> currentRequired = strings(current.path("required"));
        for (Map.Entry<String, JsonNode> property : releasedProperties.properties()) {
            String field = property.getKey();
            String fieldPath = path.isEmpty() ? field : path + "." + field;
            if (!currentProperties.has(field)) {
                changes.add(fieldPath + ": removed");
                continue;
            }
            if (releasedRequired.contains(field) && !currentRequired.contains(field)) {
                changes.add(fieldPath + ": no_longer_required");
            }
            compare(fieldPath, property.getValue(), currentProperties.get(field), changes);
        }
        for (String field : currentRequired) {
            if (!releasedRequired.contains(field)) {
                changes.add((path.isEmpty() ? field : path + "." + field) + ": newly_required");
            }
        }
        if (released.has("items") && current.has("items")) {
            compare(path + "[]", released.get("items"), current.get("items"), changes);
        }
    }

    private static void narrowedEnum(String where, JsonNode released, JsonNode current, List<String> changes) {
        if (!current.has("enum")) {
            return;
        }
        if (!released.has("enum")) {
            changes.add(where + ": narrowed to an enum");
            return;
        }
        Set<String> dropped = new LinkedHashSet<>(strings(released.get("enum")));
        dropped.removeAll(strings(current.get("enum")));
        if (!dropped.isEmpty()) {
            changes.add(where + ": enum_narrowed, lost " + dropped);
        }
    }

    private static void narrowedConstraints(String where, JsonNode released, JsonNode current, List<String> changes) {
        for (String keyword : List.of("pattern", "format", "const")) {
            if (current.has(keyword) && !current.get(keyword).equals(released.get(keyword))) {
                changes.add(where + ": narrowed " + keyword + " to " + current.get(keyword));
            }
        }
        raised(where, "minLength", released, current, changes);
        raised(where, "minimum", released, current, changes);
        raised(where, "exclusiveMinimum", released, current, changes);
        raised(where, "minItems", released, current, changes);
        lowered(where, "maxLength", released, current, changes);
        lowered(where, "maximum", released, current, changes);
        lowered(where, "exclusiveMaximum", released, current, changes);
        lowered(where, "maxItems", released, current, changes);
        if (current.path("additionalProperties").isBoolean() && !current.get("additionalProperties").asBoolean()
                && !(released.path("additionalProperties").isBoolean() && !released.get("additionalProperties").asBoolean())) {
            changes.add(where + ": narrowed additionalProperties to false");
        }
    }

    private static void raised(String where, String keyword, JsonNode released, JsonNode current, List<String> changes) {
        if (current.has(keyword) && (!released.has(keyword) || current.get(keyword).asDouble() > released.get(keyword).asDouble())) {
            changes.add(where + ": narrowed " + keyword + " to " + current.get(keyword));
        }
    }

    private static void lowered(String where, String keyword, JsonNode released, JsonNode current, List<String> changes) {
        if (current.has(keyword) && (!released.has(keyword) || current.get(keyword).asDouble() < released.get(keyword).asDouble())) {
            changes.add(where + ": narrowed " + keyword + " to " + current.get(keyword));
        }
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return Set.of("any");
        }
        return type.isArray() ? strings(type) : Set.of(type.asString());
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(value -> values.add(value.isString() ? value.asString() : value.toString()));
        return values;
    }
}
