package dev.almanac.rules.materialisation;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceRetracted;

/** One retraction to publish: a withdrawn occurrence and its envelope. */
public record Retraction(EventMetadata metadata, OccurrenceRetracted event) {
}
