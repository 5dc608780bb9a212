package dev.almanac.commands.item;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.almanac.platform.problem.Violation;

/** The scheduling rules of seed 003 that an item's time must meet, named by their rule ids. */
final class ScheduleRules {

    static final Duration MINIMUM_DURATION = Duration.ofMinutes(15);
    static final Duration MAXIMUM_DURATION = Duration.ofDays(30);

    private ScheduleRules() {
    }

    /**
     * @param startField the request field that holds the start, for the violation it names
     * @param endField   the request field that holds the end
     */
    static List<Violation> check(Instant start, Instant end, Instant now, String startField, String endField) {
        List<Violation> violations = new ArrayList<>();
        if (!end.isAfter(start)) {
            violations.add(new Violation(endField, "SCH-001", endField + " must be after " + startField));
        } else {
            Duration duration = Duration.between(start, end);
            if (duration.compareTo(MINIMUM_DURATION) < 0) {
                violations.add(new Violation(endField, "SCH-002", "an item must last at least 15 minutes, this one lasts " + duration));
            }
            if (duration.compareTo(MAXIMUM_DURATION) > 0) {
                violations.add(new Violation(endField, "SCH-003", "an item must last at most 30 days, this one lasts " + duration));
            }
        }
        if (start.isBefore(now)) {
            violations.add(new Violation(startField, "SCH-004", startField + " " + start + " is in the past; items cannot be scheduled in the past"));
        }
        return violations;
    }
}
