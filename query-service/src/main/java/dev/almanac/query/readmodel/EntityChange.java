package dev.almanac.query.readmodel;

import org.jspecify.annotations.Nullable;

/**
 * What one event does to one entity's read-model state: a pure function from the state before
 * (null when the entity is new) to the state after, applied only if the event's aggregate
 * {@code version} is newer than the state's. Applying a change is therefore idempotent, and a
 * redelivered, duplicated or late event changes nothing.
 */
public record EntityChange<S extends Versioned>(EntityKind<S> kind, String id, long version, Transition<S> transition) {

    /** Whether this change applies to {@code state}: it does to a new entity and to an older version. */
    public boolean isNewerThan(@Nullable S state) {
        return state == null || version > state.version();
    }

    /** The state after this change if it is newer, else {@code state} unchanged. */
    public @Nullable S applyTo(@Nullable S state) {
        return isNewerThan(state) ? transition.from(state) : state;
    }

    /** One event's effect on one entity's state. */
    @FunctionalInterface
    public interface Transition<S> {

        S from(@Nullable S before);
    }
}
