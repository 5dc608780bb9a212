package dev.almanac.commands.item;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.platform.input.ShortDurations;
import dev.almanac.platform.problem.Violation;

/**
 * The scheduling rules that an item's time must meet, named by their ids (SCH-001 to SCH-004). The
 * duration limits (SCH-002, SCH-003) are the calendar's own; the rules' 15 minutes and 30 days
 * are the defaults of event calendars.
 */
final class ScheduleRules {

    private ScheduleRules() {
    }

    /**
     * SCH-001 to SCH-004 for an item's time.
     *
     * @param startField the request field that holds the start, for the violation it names
     * @param endField   the request field that holds the end
     * @throws CommandRejectedException 400 naming every rule the time breaks
     */
    static void require(Instant start, Instant end, ItemDurations limits, Instant now, String startField, String endField) {
        rejectIfAny(check(start, end, limits, now, startField, endField));
    }

    /** SCH-004 alone, for a move that keeps the item's duration. */
    static void requireStart(Instant start, Instant now, String startField) {
        rejectIfAny(checkStart(start, now, startField));
    }

    private static List<Violation> check(Instant start, Instant end, ItemDurations limits, Instant now, String startField, String endField) {
        List<Violation> violations = new ArrayList<>();
        if (!end.isAfter(start)) {
            violations.add(new Violation(endField, "SCH-001", endField + " must be after " + startField));
        } else {
            Duration duration = Duration.between(start, end);
            if (duration.compareTo(limits.minimum()) < 0) {
                violations.add(new Violation(endField, "SCH-002", "an item on this calendar must last at least "
                        + ShortDurations.format(limits.minimum()) + ", this one lasts " + ShortDurations.format(duration)));
            }
            if (duration.compareTo(limits.maximum()) > 0) {
                violations.add(new Violation(endField, "SCH-003", "an item on this calendar must last at most "
                        + ShortDurations.format(limits.maximum()) + ", this one lasts " + ShortDurations.format(duration)));
            }
        }
        violations.addAll(checkStart(start, now, startField));
        return violations;
    }

    private static List<Violation> checkStart(Instant start, Instant now, String startField) {
        if (start.isBefore(now)) {
            return List.of(new Violation(startField, "SCH-004", startField + " " + start + " is in the past; items cannot be scheduled in the past"));
        }
        return List.of();
    }

    private static void rejectIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new CommandRejectedException(CommandRejectedException.Reason.INVALID, violations);
        }
    }
}
