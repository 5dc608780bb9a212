package dev.almanac.commands.item;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The {@code RescheduleRequest} of F033-RESCHEDULE. {@code new_time} is the new start, an instant with an
 * offset; the duration is kept. {@code timezone} chooses how {@code local_time} in the
 * response reads (default: the item's zone). {@code cascade} moves every item that depends on
 * this one, directly or through others, by the same amount. {@code notify}: true tells the people of each item
 * moved (its scheduler and the users named on it, not the mover) through the notifier (ADR 0079). {@code override} goes beyond the closed
 * schema of F033-SCHEMAS: a manager's override of the calendar's capacity (SCH-021, ADR 0027).
 */
record RescheduleRequest(
        @NotNull Instant newTime,
        @Nullable String timezone,
        @Nullable @Size(max = 256) String reason,
        @JsonProperty("notify") @Nullable Boolean notifyParticipants,
        @Nullable Boolean cascade,
        @Nullable @Valid OverrideRequest override) {
}
