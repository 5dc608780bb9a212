package dev.almanac.events.rule;

import java.time.LocalDateTime;
import java.util.List;

/**
 * An RFC 5545 recurrence: the RRULE value ({@code FREQ=MONTHLY;BYDAY=-1FR}), its DTSTART as a
 * wall-clock time read in the rule's {@code timezone} (DTSTART with TZID), and the wall-clock times
 * it adds (RDATE) and removes (EXDATE) in that zone. The local times are meaningful only with the
 * rule's zone, which the event carries beside them.
 */
public record RecurrenceRule(
        String rrule,
        LocalDateTime dtstart,
        List<LocalDateTime> exdates,
        List<LocalDateTime> rdates) {

    public RecurrenceRule {
        exdates = List.copyOf(exdates);
        rdates = List.copyOf(rdates);
    }
}
