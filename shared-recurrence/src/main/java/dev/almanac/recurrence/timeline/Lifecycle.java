package dev.almanac.recurrence.timeline;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where a rule stands, as rule-expander stores it: active, paused (a disable is a pause without
 * {@code resumeAfter}), or deleted. A pause whose {@code resumeAfter} has passed still reads as
 * paused here; every decision below gives the same answer for it as for an active rule at the
 * instants it is asked about, which lie after the pause's end.
 */
record Lifecycle(Status status, @Nullable Instant resumeAfter) {

    static final Lifecycle ACTIVE = new Lifecycle(Status.ACTIVE, null);
    static final Lifecycle DELETED = new Lifecycle(Status.DELETED, null);

    enum Status {
        ACTIVE,
        PAUSED,
        DELETED
    }

    static Lifecycle paused(@Nullable Instant resumeAfter) {
        return new Lifecycle(Status.PAUSED, resumeAfter);
    }

    /** Whether the rule runs an occurrence starting at {@code start}: an active one does, a paused one from its end on. */
    boolean runsAt(Instant start) {
        return switch (status) {
            case ACTIVE -> true;
            case PAUSED -> resumeAfter != null && !start.isBefore(resumeAfter);
            case DELETED -> false;
        };
    }

    /**
     * From which start an update made at {@code updatedAt} changes the published occurrences: at the
     * update, or after a pause that has an end; never before {@code activeFrom}. Null while the rule
     * is paused without end or deleted: nothing is published then, and a resume publishes the
     * definition it finds.
     */
    @Nullable Instant revisionStart(Instant updatedAt, Instant activeFrom) {
        if (status == Status.DELETED || status == Status.PAUSED && resumeAfter == null) {
            return null;
        }
        Instant from = status == Status.PAUSED && resumeAfter.isAfter(updatedAt) ? resumeAfter : updatedAt;
        return from.isBefore(activeFrom) ? activeFrom : from;
    }
}
