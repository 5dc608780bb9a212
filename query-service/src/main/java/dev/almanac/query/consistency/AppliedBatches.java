package dev.almanac.query.consistency;

import java.util.List;

import reactor.core.publisher.Flux;

/**
 * The batches of events this process wrote to the read models, as they are written. A read waiting for its write
 * learns from them, with no query, that the write is in.
 */
public interface AppliedBatches {

    /** After each batch this process wrote, what it held: every event's topic, subject and version. */
    Flux<List<Applied>> applied();

    /** One event of a written batch: the entity it is about and the version that entity now has at least. */
    record Applied(String topic, String subject, long version) {
    }
}
