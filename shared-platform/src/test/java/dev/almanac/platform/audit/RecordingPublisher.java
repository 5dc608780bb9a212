package dev.almanac.platform.audit;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.kafka.EventPublisher;

/** Keeps what is published, as the broker would acknowledge it; or refuses every record, as a broker that is down. */
final class RecordingPublisher implements EventPublisher {

    record Published(EventMetadata metadata, AlmanacEvent event) {
    }

    final List<Published> published = new CopyOnWriteArrayList<>();
    volatile boolean down;

    @Override
    public CompletableFuture<?> publish(EventMetadata metadata, AlmanacEvent event) {
        if (down) {
            return CompletableFuture.failedFuture(new IllegalStateException("the broker is down"));
        }
        published.add(new Published(metadata, event));
        return CompletableFuture.completedFuture(null);
    }
}
