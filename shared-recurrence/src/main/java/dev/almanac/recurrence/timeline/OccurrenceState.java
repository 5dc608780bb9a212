package dev.almanac.recurrence.timeline;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What is published of one recurrence id after some steps: {@code record} is the index of the
 * definition whose occurrence was published last ({@link #WITHDRAWN} when none stands), at
 * {@code recordMovedTo} if that record was a moved one. {@code mode} is what the series' exceptions
 * say of the id ({@code movedTo} where a move put it), and {@code endsAt} where the series ends.
 */
record OccurrenceState(int record, @Nullable Instant recordMovedTo, Mode mode, @Nullable Instant movedTo, @Nullable Instant endsAt) {

    static final int WITHDRAWN = -1;
    static final OccurrenceState NONE = new OccurrenceState(WITHDRAWN, null, Mode.STANDING, null, null);

    /** In the series (no exception of its own), moved elsewhere, or cancelled for good. */
    enum Mode {
        STANDING,
        MOVED,
        CANCELLED
    }

    OccurrenceState {
        if (mode == Mode.MOVED) {
            Objects.requireNonNull(movedTo, "a moved occurrence has where it was moved to");
        }
    }

    /** Where the move put it; only for a moved occurrence. */
    Instant movedStart() {
        return Objects.requireNonNull(movedTo, "only a moved occurrence has where it was moved to");
    }

    OccurrenceState publishing(int definition, @Nullable Instant at) {
        return new OccurrenceState(definition, at, mode, movedTo, endsAt);
    }

    OccurrenceState withdrawing() {
        return new OccurrenceState(WITHDRAWN, null, mode, movedTo, endsAt);
    }

    OccurrenceState movingTo(Instant start) {
        return new OccurrenceState(record, recordMovedTo, Mode.MOVED, start, endsAt);
    }

    OccurrenceState cancelling() {
        return new OccurrenceState(record, recordMovedTo, Mode.CANCELLED, movedTo, endsAt);
    }

    OccurrenceState endingAt(Instant end) {
        return new OccurrenceState(record, recordMovedTo, mode, movedTo, end);
    }
}
