package dev.almanac.query.readmodel;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.kafka.PoisonMessageException;

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

    /** Decides one event type as one change: entity {@code id} of {@code kind} at {@code version}, as {@code transition} makes it. */
    static <S extends Versioned> Decision<List<EntityChange<?>>> change(EntityKind<S> kind, String id, long version,
                                                                       EntityChange.Transition<S> transition) {
        return changes(new EntityChange<>(kind, id, version, transition));
    }

    /**
     * The state a change applies to, which an entity's creation made: the creation comes first on the entity's partition,
     * and a rebuild replays the partition in order, so without it the event is poison.
     *
     * @param change what the event did, such as {@code "resource res-projector was marked available"}
     */
    static <S> S existing(@Nullable S before, String change) {
        if (before == null) {
            throw new PoisonMessageException(change + ", but its creation was never projected");
        }
        return before;
    }
}
