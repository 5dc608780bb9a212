package dev.almanac.commands.repair;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Which stored events to republish: a range of the store's global sequence ({@code fromSequence} to {@code toSequence},
 * both inclusive), or of the time they were stored ({@code from} inclusive to {@code to} exclusive), optionally only one
 * aggregate's; or all of one aggregate's events. An aggregate is named by its stream in the store, {@code <kind>:<id>}
 * (StoreIds: {@code calendar:cal-1}, {@code item:…}, {@code rule:…}). At least one bound or the aggregate is required, so that nobody
 * republishes the whole store by leaving the fields out.
 */
public record RepublishRange(@Nullable Long fromSequence, @Nullable Long toSequence, @Nullable Instant from, @Nullable Instant to,
                             @Nullable String aggregateId) {

    /** @throws IllegalArgumentException naming the field and the rule it breaks */
    public RepublishRange {
        boolean bySequence = fromSequence != null || toSequence != null;
        boolean byTime = from != null || to != null;
        if (bySequence && byTime) {
            throw new IllegalArgumentException("fromSequence/toSequence and from/to: give a range of the sequence or of time, not both");
        }
        if (!bySequence && !byTime && (aggregateId == null || aggregateId.isBlank())) {
            throw new IllegalArgumentException("fromSequence, from or aggregateId: at least one is required");
        }
        if (fromSequence != null && fromSequence < 1) {
            throw new IllegalArgumentException("fromSequence: must be 1 or more (the store's first global sequence)");
        }
        if (fromSequence != null && toSequence != null && toSequence < fromSequence) {
            throw new IllegalArgumentException("toSequence: must not be below fromSequence");
        }
        if (from != null && to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("to: must be after from");
        }
        if (aggregateId != null && aggregateId.isBlank()) {
            throw new IllegalArgumentException("aggregateId: must not be blank");
        }
    }

    boolean bySequence() {
        return fromSequence != null || toSequence != null;
    }

    boolean byTime() {
        return from != null || to != null;
    }

    /** Whether a stored event's time is inside the time range; always, when the range is not by time. */
    boolean holdsTime(Instant stored) {
        return (from == null || !stored.isBefore(from)) && (to == null || stored.isBefore(to));
    }

    boolean holdsAggregate(@Nullable String storedAggregate) {
        return aggregateId == null || aggregateId.equals(storedAggregate);
    }
}
