package dev.almanac.commands.reminder;

import java.time.ZoneId;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.web.Zones;
import dev.almanac.events.Identifiers;
import dev.almanac.events.UserId;
import dev.almanac.platform.problem.ProblemException;

/**
 * {@code POST /api/v1/schedules/{id}/reminders} and {@code /api/v1/schedules/rules/{id}/reminders} (seed 004, ADR 0079):
 * remind a user some minutes before a start.
 */
public record ReminderRequest(
        @Schema(description = "The reminder's id within its item or rule; server-assigned when left out. With an id of its own the "
                + "request is idempotent", example = "rem-shift")
        @Nullable @Pattern(regexp = Identifiers.PATTERN, message = "must be 1-128 letters, digits or . _ : - and start with a letter or digit") String id,
        @Schema(description = "How many minutes before the start the reminder comes: 0 (at the start) to 40320 (4 weeks)", example = "30")
        @NotNull Integer minutesBefore,
        @Schema(description = "Whom to remind; the caller when left out. Another user needs the scheduler role", example = "sam@example.com")
        @Nullable @Pattern(regexp = UserId.PATTERN, message = "must be a user id: 1-128 letters, digits or . _ : @ | + - starting with a letter or digit")
        String user,
        @Schema(description = "The IANA zone the reminder shows the start in, the user's; the item's or rule's when left out",
                example = "America/New_York")
        @Nullable String timezone) {

    /** Four weeks: no reminder comes earlier than that before its start. */
    public static final int MAX_MINUTES_BEFORE = 4 * 7 * 24 * 60;

    /** The minutes, checked: a reminder after the start (negative) or more than 4 weeks before it is refused. */
    public int checkedMinutes() {
        if (minutesBefore < 0) {
            throw ProblemException.invalid("minutes_before", "before_start", "a reminder comes before the start: minutes_before must be "
                    + "0 or more, not " + minutesBefore);
        }
        if (minutesBefore > MAX_MINUTES_BEFORE) {
            throw ProblemException.invalid("minutes_before", "max", "minutes_before must be at most " + MAX_MINUTES_BEFORE
                    + " (4 weeks), not " + minutesBefore);
        }
        return minutesBefore;
    }

    public UserId userOr(String caller) {
        return UserId.of(user == null ? caller : user);
    }

    public @Nullable ZoneId zone() {
        return timezone == null ? null : Zones.parse("timezone", timezone);
    }
}
