package dev.almanac.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Breaking changes planted in a copy of a released schema, and the gate catching each one. */
class SchemaCompatibilityTest {

    private static final String ITEM_SCHEDULED = "dev.almanac.schedule.ItemScheduled.v1";

    private final JsonNode released = ReleasedSchemasTest.read(ReleasedSchemasTest.RELEASED + ITEM_SCHEDULED + ".json");

    @Test
    void anUnchangedSchemaIsCompatible() {
        assertThat(SchemaCompatibility.breakingChanges(released, released.deepCopy())).isEmpty();
    }

    @Test
    void catchesARemovedField() {
        ObjectNode changed = (ObjectNode) released.deepCopy();
        ((ObjectNode) changed.get("properties")).remove("tags");
        removeRequired(changed, "tags");

        assertThat(SchemaCompatibility.breakingChanges(released, changed)).containsExactly("tags: removed");
    }

    @Test
    void catchesARetypedField() {
        ObjectNode changed = (ObjectNode) released.deepCopy();
        property(changed, "start").put("type", "integer").remove("format");

        assertThat(SchemaCompatibility.breakingChanges(released, changed))
                .containsExactly("start: retyped from [string] to [integer]");
    }

    @Test
    void catchesAFieldThatBecameNullable() {
        ObjectNode changed = (ObjectNode) released.deepCopy();
        property(changed, "title").putArray("type").add("string").add("null");

        assertThat(SchemaCompatibility.breakingChanges(released, changed))
                .containsExactly("title: retyped from [string] to [string, null]");
    }

    @Test
    void catchesANewRequiredField() {
        ObjectNode changed = (ObjectNode) released.deepCopy();
        ((ObjectNode) changed.get("properties")).putObject("owner").put("type", "string");
        ((ArrayNode) changed.get("required")).add("owner");

        assertThat(SchemaCompatibility.breakingChanges(released, changed)).containsExactly("owner: newly_required");
    }

    @Test
    void catchesARequiredFieldThatMayNowBeMissing() {
        ObjectNode changed = (ObjectNode) released.deepCopy();
        removeRequired(changed, "timezone");

        assertThat(SchemaCompatibility.breakingChanges(released, changed)).containsExactly("timezone: no_longer_required");
    }

    @Test
    void catchesANarrowedEnum() {
        ObjectNode changed = (ObjectNode) released.deepCopy();
        property(changed, "priority").putArray("enum").add("low").add("normal").add("high");

        assertThat(SchemaCompatibility.breakingChanges(released, changed))
                .containsExactly("priority: enum_narrowed, lost [critical]");
    }

    @Test
    void catchesANarrowedConstraint() {
        ObjectNode changed = (ObjectNode) released.deepCopy();
        property(changed, "title").put("maxLength", 100);

        assertThat(SchemaCompatibility.breakingChanges(released, changed)).containsExactly("title: narrowed maxLength to 100");
    }

    @Test
    void anOptionalFieldAndAWiderEnumAreCompatible() {
        ObjectNode changed = (ObjectNode) released.deepCopy();
        ((ObjectNode) changed.get("properties")).putObject("notes").put("type", "string");
        ((ArrayNode) property(changed, "priority").get("enum")).add("urgent");
        property(changed, "title").put("maxLength", 500);

        assertThat(SchemaCompatibility.breakingChanges(released, changed)).isEmpty();
    }

    @Test
    void theGateFailsOnABreakingChangeUnlessTheTypeGetsANewVersion() {
        ObjectNode broken = (ObjectNode) released.deepCopy();
        ((ObjectNode) broken.get("properties")).remove("tags");
        removeRequired(broken, "tags");
        Map<String, JsonNode> releasedSet = Map.of(ITEM_SCHEDULED, released);

        assertThat(ReleasedSchemasTest.gate(releasedSet, Map.of(ITEM_SCHEDULED, broken)))
                .containsExactly(ITEM_SCHEDULED + " tags: removed");

        Map<String, JsonNode> versioned = new TreeMap<>();
        versioned.put("dev.almanac.schedule.ItemScheduled.v2", broken);
        assertThat(ReleasedSchemasTest.gate(releasedSet, versioned)).isEmpty();
        assertThat(ReleasedSchemasTest.gate(releasedSet, Map.of()))
                .containsExactly(ITEM_SCHEDULED + ": removed without a newer version");
    }

    private static ObjectNode property(ObjectNode schema, String name) {
        return (ObjectNode) schema.get("properties").get(name);
    }

    private static void removeRequired(ObjectNode schema, String name) {
        ArrayNode required = (ArrayNode) schema.get("required");
        for (int i = 0; i < required.size(); i++) {
            if (required.get(i).asString().equals(name)) {
                required.remove(i);
                return;
            }
        }
    }
}
