package dev.almanac.events.rule;

import java.time.ZoneId;
import java.util.List;

/**
 * A rule's next occurrences as they were when a change was proposed, before or after the change:
 * the schedule in English, the zone its wall-clock times are read in, and up to ten occurrences from
 * the proposal on (none while the rule is paused without end or disabled).
 */
public record SchedulePreview(String description, ZoneId timezone, List<OccurrencePreview> occurrences) {

    public SchedulePreview {
        occurrences = List.copyOf(occurrences);
    }
}
