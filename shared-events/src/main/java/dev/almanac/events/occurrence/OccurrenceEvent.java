package dev.almanac.events.occurrence;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Every event of {@value Topics#OCCURRENCES}, keyed by calendar id. The hierarchy is closed: a
 * consumer decides each type through {@link Handler}, and a new type added here fails to
 * compile in every consumer until it decides what to do with it.
 */
public sealed interface OccurrenceEvent extends AlmanacEvent permits OccurrenceMaterialized, OccurrenceRetracted, OccurrenceMissed {

    <R> R accept(Handler<R> handler, EventMetadata envelope);

    /** One method per event type of {@value Topics#OCCURRENCES}. */
    interface Handler<R> {

        R on(OccurrenceMaterialized event, EventMetadata envelope);

        R on(OccurrenceRetracted event, EventMetadata envelope);

        R on(OccurrenceMissed event, EventMetadata envelope);
    }
}
