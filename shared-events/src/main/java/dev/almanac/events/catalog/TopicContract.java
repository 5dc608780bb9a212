package dev.almanac.events.catalog;

import dev.almanac.events.AlmanacEvent;

/**
 * One topic and the closed set of events it carries: {@code events} is a sealed interface whose
 * permitted records are exactly the catalogue's types on this topic.
 *
 * @param key what the record key holds; one entity's events share it, and so stay in order on one partition
 */
public record TopicContract(String topic, Class<? extends AlmanacEvent> events, String key, String description) {
}
