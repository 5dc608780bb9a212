package dev.almanac.rules.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.rules.materialisation.Publication;
import dev.almanac.rules.materialisation.Retraction;

/**
 * Stands in for Kafka: keeps every publication, and acknowledges it at once, never, or with a
 * failure, as the test says.
 */
public final class RecordingPublisher implements EventPublisher {

    private final List<Publication> published = new CopyOnWriteArrayList<>();
    private final List<Retraction> retractions = new CopyOnWriteArrayList<>();
    private final List<Missed> missed = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Object>> pending = new CopyOnWriteArrayList<>();
    private volatile Predicate<OccurrenceMaterialized> failing = event -> false;
    private volatile boolean holdingAcknowledgements;

    @Override
    public CompletableFuture<?> publish(EventMetadata metadata, AlmanacEvent published) {
        if (published instanceof OccurrenceRetracted retracted) {
            retractions.add(new Retraction(metadata, retracted));
            return CompletableFuture.completedFuture(null);
        }
        if (published instanceof OccurrenceMissed found) {
            missed.add(new Missed(metadata, found));
            return CompletableFuture.completedFuture(null);
        }
        OccurrenceMaterialized event = (OccurrenceMaterialized) published;
        this.published.add(new Publication(metadata, event));
        if (failing.test(event)) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker refused " + event.occurrenceId()));
        }
        if (holdingAcknowledgements) {
            CompletableFuture<Object> acknowledgement = new CompletableFuture<>();
            pending.add(acknowledgement);
            return acknowledgement;
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Fails the publication of every event that matches, until told otherwise. */
    public void failWhen(Predicate<OccurrenceMaterialized> events) {
        failing = events;
    }

    /** From now on acknowledgements wait for {@link #acknowledgeAll()}. */
    public void holdAcknowledgements() {
        holdingAcknowledgements = true;
    }

    public void acknowledgeAll() {
        holdingAcknowledgements = false;
        pending.forEach(acknowledgement -> acknowledgement.complete(null));
        pending.clear();
    }

    public List<Publication> published() {
        return List.copyOf(published);
    }

    public List<OccurrenceMaterialized> events() {
        return published.stream().map(Publication::event).toList();
    }

    /** The retractions published, in order; they are always acknowledged at once. */
    public List<Retraction> retractions() {
        return List.copyOf(retractions);
    }

    public List<OccurrenceRetracted> retracted() {
        return retractions.stream().map(Retraction::event).toList();
    }

    /** The missed occurrences published, in order, with their envelopes; always acknowledged at once. */
    public List<Missed> missedRecords() {
        return List.copyOf(missed);
    }

    public List<OccurrenceMissed> missed() {
        return missed.stream().map(Missed::event).toList();
    }

    /** One OccurrenceMissed as published. */
    public record Missed(EventMetadata metadata, OccurrenceMissed event) {
    }

    public void clear() {
        published.clear();
        retractions.clear();
        missed.clear();
    }
}
