package dev.almanac.conflicts.lifecycle;

import java.util.concurrent.CompletableFuture;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.envelope.EventMetadata;

/** Where conflict events go; the future completes when the broker has acknowledged the record. */
@FunctionalInterface
public interface ConflictPublisher {

    CompletableFuture<?> publish(EventMetadata metadata, AlmanacEvent event);
}
