package dev.almanac.commands.eventstore;

import java.util.stream.Stream;

import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.jspecify.annotations.Nullable;

/**
 * Axon's JDBC storage engine, also offering one fetch of tracked events on its own. Axon's
 * {@code readEvents(token, false)} fetches again until a fetch comes back empty, and each empty
 * fetch runs the extended gap check besides. At the head of the store, where the relay reads
 * under load, that made every read three queries where one returned events (ADR 0040, addendum
 * of 2026-11-26).
 */
public final class SingleFetchJdbcEventStorageEngine extends JdbcEventStorageEngine {

    SingleFetchJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    /**
     * The events of one fetch after {@code token}, in the store's order: those within {@link #batchSize()} indexes
     * after its position and those in its gaps, exactly what Axon's own reads take as their first fetch. An empty
     * fetch has already looked past a gap wider than the batch.
     */
    public Stream<TrackedEventMessage<?>> fetchOnce(@Nullable TrackingToken token) {
        return EventUtils.upcastAndDeserializeTrackedEvents(fetchTrackedEvents(token, batchSize()).stream(),
                getEventSerializer(), upcasterChain);
    }
}
