package dev.almanac.commands.rule;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.MissedRunAction;

/** The bodies of the commands on one occurrence of a rule. */
final class OccurrenceRequests {

    private OccurrenceRequests() {
    }

    /** Where the occurrence starts instead (an RFC 3339 instant in the future), and why. */
    record Move(@NotNull Instant newTime, @Nullable @Size(max = 256) String reason) {
    }

    /**
     * The action on a missed run (OPS-MISSED), by the name its source gives it; {@code new_time} (in the future) only with
     * {@code reschedule}, where it is required.
     */
    record Missed(@NotNull MissedRunAction action, @Nullable Instant newTime, @Nullable @Size(max = 256) String reason) {
    }
}
