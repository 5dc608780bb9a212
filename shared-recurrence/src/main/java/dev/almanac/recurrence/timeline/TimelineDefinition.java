package dev.almanac.recurrence.timeline;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.Heartbeat;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Tzdata;

/**
 * One definition of a rule, as the event at {@code version} (its creation or an update) set it: the
 * spec its occurrences are expanded from, and what each occurrence record carries besides its times.
 * {@code activeFrom} stays the creation's: an update does not change where occurrences begin.
 * {@code heartbeat}, when present, makes its occurrences beats that a system reports (ADR 0073).
 */
public record TimelineDefinition(
        long version,
        RecurrenceSpec spec,
        Instant activeFrom,
        CalendarId calendarId,
        String title,
        String type,
        List<ResourceBooking> resources,
        @Nullable Heartbeat heartbeat) {

    public TimelineDefinition {
        resources = List.copyOf(resources);
    }

    /**
     * The definition a creation gives.
     *
     * @throws dev.almanac.recurrence.InvalidScheduleException if the schedule cannot be read or never fires
     * @throws IllegalArgumentException if the duration or the jitter is out of range
     */
    static TimelineDefinition of(RuleCreated created, long version) {
        return new TimelineDefinition(version, RecurrenceSpec.of(created), created.activeFrom(), created.calendarId(), created.name(),
                created.jobTemplate().type(), created.resources(), created.options().heartbeat());
    }

    /**
     * The definition {@code update} gives from this one: everything but {@code activeFrom} replaced.
     *
     * @throws dev.almanac.recurrence.InvalidScheduleException if the new schedule cannot be read or never fires
     * @throws IllegalArgumentException if the new duration or jitter is out of range
     */
    TimelineDefinition updatedBy(RuleUpdated update, long version) {
        return new TimelineDefinition(version, RecurrenceSpec.of(update), activeFrom, update.calendarId(), update.name(),
                update.jobTemplate().type(), update.resources(), update.options().heartbeat());
    }

    /** Whether every occurrence record of this definition is the same as {@code other}'s, but for the version. */
    boolean givesTheSameRecordsAs(TimelineDefinition other) {
        return spec.equals(other.spec) && activeFrom.equals(other.activeFrom) && calendarId.equals(other.calendarId)
                && title.equals(other.title) && type.equals(other.type) && resources.equals(other.resources);
    }

    public int jitterSeconds() {
        return spec.jitterSeconds();
    }

    /** The tz database version its occurrences are resolved under, as their records say. */
    public String tzdataVersion() {
        return Tzdata.version(spec.zone());
    }

    /** The schedule's occurrence resolving exactly at {@code resolved}, with no regard to exceptions; null if it has none there. */
    @Nullable Occurrence at(Instant resolved) {
        for (Occurrence occurrence : RecurrenceExpander.expand(spec, resolved, resolved.plusSeconds(1), 1).occurrences()) {
            if (occurrence.resolvedInstant().equals(resolved)) {
                return occurrence;
            }
        }
        return null;
    }
}
