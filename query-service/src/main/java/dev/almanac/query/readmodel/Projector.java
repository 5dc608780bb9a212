package dev.almanac.query.readmodel;

import java.util.Optional;

import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * Maps an event to the read-model write it implies. Pure and deterministic: everything in the
 * write comes from the event and its envelope, so a replay writes the same documents.
 */
public interface Projector {

    /** The write for {@code received}, or empty when this projector does not project that event type. */
    Optional<ReadModelWrite> writeFor(ReceivedEvent received);
}
