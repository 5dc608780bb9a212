package dev.almanac.events;

/**
 * One kind of event: its CloudEvents type (for example
 * {@code dev.almanac.schedule.ItemRescheduled.v1}), the topic it travels on, its Java record
 * and the classpath resource holding its JSON Schema.
 */
public record EventType(String ceType, String topic, Class<? extends AlmanacEvent> javaType) {

    private static final String PREFIX = "dev.almanac.";

    static EventType of(String domain, int version, String topic, Class<? extends AlmanacEvent> javaType) {
        return new EventType(PREFIX + domain + "." + javaType.getSimpleName() + ".v" + version, topic, javaType);
    }

    public String schemaResource() {
        return "/almanac/schemas/" + ceType + ".json";
    }
}
