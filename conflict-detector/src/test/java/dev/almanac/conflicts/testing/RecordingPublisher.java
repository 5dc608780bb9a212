package dev.almanac.conflicts.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.kafka.EventPublisher;

/**
 * Keeps what would have gone to Kafka. It can be told to lose the acknowledgement of the next
 * records: they are kept (they reached the topic) but the publisher hears of a failure, as
 * when a process dies between sending and recording.
 */
public final class RecordingPublisher implements EventPublisher {

    public record Published(EventMetadata metadata, AlmanacEvent event) {
    }

    private final List<Published> published = new CopyOnWriteArrayList<>();
    private int acknowledgementsToLose;

    @Override
    public synchronized CompletableFuture<?> publish(EventMetadata metadata, AlmanacEvent event) {
        published.add(new Published(metadata, event));
        if (acknowledgementsToLose > 0) {
            acknowledgementsToLose--;
            return CompletableFuture.failedFuture(new IllegalStateException("acknowledgement lost"));
        }
        return CompletableFuture.completedFuture(null);
    }

    public synchronized void loseTheNextAcknowledgements(int count) {
        acknowledgementsToLose = count;
    }

    public List<Published> published() {
        return List.copyOf(published);
    }

    public List<AlmanacEvent> events() {
        return published.stream().map(Published::event).toList();
    }

    public void forget() {
        published.clear();
    }
}
