package dev.almanac.events.schedule;

/**
 * An item linked with the one an event is about (its primary, or one of its followers) that the same
 * transaction changed too, and the version it reached there: the aggregate version of its last event
 * in that transaction. Its own events travel keyed by its own calendar, so a reader that keeps both
 * sides of a pair knows from this that the other side's events up to {@code version} are on their way
 * (ADR 0061).
 */
public record LinkedChange(ItemId itemId, long version) {

    public LinkedChange {
        if (version < 0) {
            throw new IllegalArgumentException("an aggregate version is never negative: " + version);
        }
    }
}
