package dev.almanac.platform.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.platform.input.StrictInputModule;

/**
 * The JSON convention of Almanac's wire formats (F033-WIRE): snake_case field names,
 * lower-case enum values and ISO-8601 instants. Event records in shared-events carry no
 * naming annotations; this mapper gives them their wire shape, and the JSON Schemas in
 * shared-events describe it.
 */
public final class AlmanacJson {

    private AlmanacJson() {
    }

    /** Applies the convention to a builder; used for both the Kafka codec and Spring's HTTP mapper. */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addModule(new WireInstants());
    }

    /**
     * For events: unknown fields are ignored, so adding a field to an event is a compatible change. Instants
     * of the plain form every producer writes are read by arithmetic, others as before (ADR 0034); records are built
     * without a spreader per call (ADR 0034).
     */
    public static JsonMapper eventMapper() {
        return configure(JsonMapper.builder())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(WireInstants.reading())
                .addModule(new SpreadCreators())
                .build();
    }

    /**
     * For request bodies, the input rules of docs/problems.md: an unknown field is an error, so a
     * misspelt field is reported rather than dropped; enums by name only, integers without
     * fractions, no coercion between strings, numbers and booleans; text and instants as
     * {@link StrictInputModule} checks them; nothing after the JSON value.
     */
    public static JsonMapper.Builder strictRequests(JsonMapper.Builder builder) {
        return configure(builder)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .addModule(new StrictInputModule());
    }

    /** The wire name of a Java property or dotted property path, for error messages: {@code jobTemplate.type} → {@code job_template.type}. */
    public static String wireName(String javaPath) {
        StringBuilder wire = new StringBuilder();
        for (String segment : javaPath.split("\\.")) {
            if (!wire.isEmpty()) {
                wire.append('.');
            }
            int index = segment.indexOf('[');
            wire.append(index < 0 ? snakeCase(segment) : snakeCase(segment.substring(0, index)) + segment.substring(index));
        }
        return wire.toString();
    }

    private static String snakeCase(String javaName) {
        return PropertyNamingStrategies.SNAKE_CASE.nameForField(null, null, javaName);
    }
}
