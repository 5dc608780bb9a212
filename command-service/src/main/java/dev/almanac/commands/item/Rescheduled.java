package dev.almanac.commands.item;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import dev.almanac.platform.problem.Violation;

/**
 * What a reschedule did. {@code eventId} and {@code at} identify the stored event that last
 * changed the item: the audit record of this move, or of the previous change when the item
 * already started at the requested time and nothing moved. {@code warnings} are the capacity
 * guard's (SCH-022, SCH-023 on a calendar that warns).
 */
public record Rescheduled(
        Instant previousStart,
        Instant start,
        ZoneId timezone,
        long version,
        Instant at,
        String eventId,
        List<Violation> warnings) {

    public Rescheduled {
        warnings = List.copyOf(warnings);
    }
}
