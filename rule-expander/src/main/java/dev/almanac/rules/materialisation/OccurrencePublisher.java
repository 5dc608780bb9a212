package dev.almanac.rules.materialisation;

import java.util.concurrent.CompletableFuture;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;

/** Publishes an occurrence; the future completes when the broker has acknowledged it. */
public interface OccurrencePublisher {

    CompletableFuture<?> publish(EventMetadata metadata, OccurrenceMaterialized event);
}
