package dev.almanac.query.readmodel;

import java.util.List;

import dev.almanac.platform.consumer.Decision;

/**
 * A read model's projector. It implements the {@code Handler<Decision<List<ReadModelWrite>>>}
 * interface of each topic it reads ({@code ScheduleEvent.Handler} and so on), so it decides every
 * event type of those topics: the writes the event implies, or why it is ignored. Pure and
 * deterministic: everything in a write comes from the event and its envelope, so a replay writes
 * the same documents.
 */
public interface Projector {

    /** Names the projector in dead-letter reasons and metrics. */
    String name();

    /** Decides one event type: the writes it implies. */
    static Decision<List<ReadModelWrite>> writes(ReadModelWrite... writes) {
        return Decision.handle(List.of(writes));
    }
}
