package dev.almanac.rules.materialisation;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.platform.kafka.OutgoingEvent;

/** One record to publish: an occurrence and its envelope. */
public record Publication(EventMetadata metadata, OccurrenceMaterialized event) implements OutgoingEvent {
}
