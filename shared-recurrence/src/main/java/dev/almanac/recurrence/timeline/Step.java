package dev.almanac.recurrence.timeline;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one rule event does to the rule's occurrences, as rule-expander carries it out. Each step
 * names the definition in force once it is applied (by its index among the timeline's definitions)
 * and where the rule then stands. The instants are those rule-expander stores, to the millisecond.
 */
sealed interface Step {

    int definition();

    Lifecycle lifecycle();

    /** The instants this step compares every occurrence's start (or, for an end, resolved instant) with. */
    default List<Instant> thresholds() {
        return List.of();
    }

    /** The rule's creation: every occurrence of its first definition resolving from {@code active_from} on. */
    record Created(int definition, Lifecycle lifecycle) implements Step {
    }

    /**
     * An update published as a difference from {@code from} on: an occurrence the new definition
     * starts there or later is published with it; one only the replaced definition starts there or
     * later is withdrawn; the rest stay as they were.
     */
    record Revised(int definition, Lifecycle lifecycle, Instant from) implements Step {

        @Override
        public List<Instant> thresholds() {
            return List.of(from);
        }
    }

    /** An update while nothing is published (a pause without end, a disable): the definition changes, no occurrence does. */
    record Replaced(int definition, Lifecycle lifecycle) implements Step {
    }

    /** A pause, disable or deletion: the definition's occurrences starting in {@code [from, until)} (no end when null) withdrawn. */
    record Withdrawn(int definition, Lifecycle lifecycle, Instant from, @Nullable Instant until) implements Step {

        @Override
        public List<Instant> thresholds() {
            return until == null ? List.of(from) : List.of(from, until);
        }
    }

    /** A resume or enable: the definition's occurrences starting at or after {@code from} published again. */
    record Restored(int definition, Lifecycle lifecycle, Instant from) implements Step {

        @Override
        public List<Instant> thresholds() {
            return List.of(from);
        }
    }

    /** The series ended: every occurrence the definition gives resolving at or after {@code endsAt} withdrawn, and none from then on. */
    record Ended(int definition, Lifecycle lifecycle, Instant endsAt) implements Step {

        @Override
        public List<Instant> thresholds() {
            return List.of(endsAt);
        }
    }

    /**
     * One occurrence moved to {@code start}, or, with no start, published again where an earlier
     * move put it (a reschedule without a new time).
     */
    record Moved(int definition, Lifecycle lifecycle, Instant recurrenceId, @Nullable Instant start) implements Step {
    }

    /** One occurrence cancelled (or deleted once missed): withdrawn for good. */
    record Cancelled(int definition, Lifecycle lifecycle, Instant recurrenceId) implements Step {
    }
}
