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

    /**
     * Whether the record's effect follows from the rule's events on {@code almanac.rules.v1} alone, so that
     * a consumer that computes occurrences from them needs nothing of it: an occurrence in series or moved,
     * and any withdrawal. A backfill or catch-up run and a missed run depend on run reports and do not.
     */
    default boolean derivableFromRules() {
        if (this instanceof OccurrenceMaterialized materialized) {
            return materialized.backfillOf() == null;
        }
        return this instanceof OccurrenceRetracted;
    }

    /** One method per event type of {@value Topics#OCCURRENCES}. */
    interface Handler<R> {

        R on(OccurrenceMaterialized event, EventMetadata envelope);

        R on(OccurrenceRetracted event, EventMetadata envelope);

        R on(OccurrenceMissed event, EventMetadata envelope);
    }
}
