package dev.almanac.events.catalog;

import dev.almanac.events.AlmanacEvent;

/**
 * One kind of event: its CloudEvents type (for example
 * {@code dev.almanac.schedule.ItemRescheduled.v1}), the topic it travels on, its Java record
 * and the classpath resource holding its JSON Schema.
 *
 * @param domain   the family of the type, the second segment of its {@code ce_type}
 * @param name     the record's simple name, the third segment
 * @param version  the contract version; a breaking change gets a new one, and with it a new {@code ce_type}
 */
public record EventType(String domain, String name, int version, String topic, Class<? extends AlmanacEvent> javaType) {

    private static final String PREFIX = "dev.almanac.";

    public EventType {
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1 but was " + version);
        }
    }

    static EventType of(String domain, int version, String topic, Class<? extends AlmanacEvent> javaType) {
        return new EventType(domain, javaType.getSimpleName(), version, topic, javaType);
    }

    public String ceType() {
        return PREFIX + domain + "." + name + ".v" + version;
    }

    public String schemaResource() {
        return "/almanac/schemas/" + ceType() + ".json";
    }
}
