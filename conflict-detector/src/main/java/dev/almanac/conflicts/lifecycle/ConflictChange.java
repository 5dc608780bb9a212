package dev.almanac.conflicts.lifecycle;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEvent;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictStatus;

/** One event to publish about a conflict, and the conflict version it brings. */
public sealed interface ConflictChange {

    AlmanacEvent event();

    ConflictId conflictId();

    long version();

    /** The conflict holds, for the first time, again, or with a different window or different entry times. */
    record Detection(ConflictDetected event, long version) implements ConflictChange {

        @Override
        public ConflictId conflictId() {
            return event.conflictId();
        }
    }

    /** The conflict's entries no longer breach the capacity together. */
    record Clearance(ConflictCleared event, long version) implements ConflictChange {

        @Override
        public ConflictId conflictId() {
            return event.conflictId();
        }
    }

    /** Someone, or the SCH-015 timer, resolved, escalated or dismissed the conflict; {@code status} is where it now stands. */
    record Transition(ConflictEvent event, ConflictStatus status, long version) implements ConflictChange {

        @Override
        public ConflictId conflictId() {
            return ConflictId.of(event.subject());
        }
    }
}
