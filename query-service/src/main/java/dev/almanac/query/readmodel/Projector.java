package dev.almanac.query.readmodel;

import java.util.List;

import dev.almanac.platform.consumer.Decision;

/**
 * A read model's projector. It implements the {@code Handler<Decision<List<EntityChange<?>>>>}
 * interface of each topic it reads ({@code ScheduleEvent.Handler} and so on), so it decides every
 * event type of those topics: the entity changes the event implies, or why it is ignored. Pure
 * and deterministic: each change is a function of the event, its envelope and the entity's state
 * before, so a replay computes the same documents.
 */
public interface Projector {

    /** Names the projector in dead-letter reasons and metrics. */
    String name();

    /** Decides one event type: the entity changes it implies. */
    static Decision<List<EntityChange<?>>> changes(EntityChange<?>... changes) {
        return Decision.handle(List.of(changes));
    }
}
