package dev.almanac.query.projection;

/** Where a record was read: its topic partition and offset. */
public record RecordPosition(String topic, int partition, long offset) {
}
