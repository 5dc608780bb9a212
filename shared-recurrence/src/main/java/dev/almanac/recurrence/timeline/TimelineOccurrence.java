package dev.almanac.recurrence.timeline;

import java.time.Instant;
import java.util.Comparator;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.recurrence.Occurrence;

/**
 * One occurrence of a rule's timeline, with the definition that produced it. Where the series puts
 * it ({@code movedFrom} and {@code backfillOf} null), moved elsewhere ({@code movedFrom} is the start
 * the series gave it; it keeps its id and starts exactly where it was moved), or a backfill run of a
 * missed occurrence ({@code backfillOf} names it; the run has an id of its own and carries the missed
 * one's resolved instant and nominal time).
 */
public record TimelineOccurrence(
        Occurrence occurrence,
        TimelineDefinition definition,
        @Nullable Instant movedFrom,
        @Nullable OccurrenceId backfillOf) {

    /** By start, then resolved instant, then id: the order every query answers in. */
    public static final Comparator<TimelineOccurrence> START_ORDER = Comparator.comparing(TimelineOccurrence::start)
            .thenComparing(timeline -> timeline.occurrence().resolvedInstant())
            .thenComparing(timeline -> timeline.id().value());

    public OccurrenceId id() {
        return occurrence.id();
    }

    public Instant start() {
        return occurrence.start();
    }

    public Instant end() {
        return occurrence.end();
    }

    /** Whether the series puts it where it is: neither moved nor a backfill run. */
    public boolean inSeries() {
        return movedFrom == null && backfillOf == null;
    }

    /**
     * The record rule-expander publishes for it, at the version of the definition that produced it.
     * rule-expander's own record may carry a later rule version (a pass stamps the rule's version when
     * it runs); every other field is the same.
     */
    public OccurrenceMaterialized toMaterialized() {
        return new OccurrenceMaterialized(occurrence.id(), occurrence.ruleId(), definition.version(), definition.calendarId(),
                definition.title(), definition.type(), occurrence.resolvedInstant(), occurrence.start(), occurrence.end(),
                occurrence.zone(), occurrence.nominalLocalTime(), definition.spec().dstPolicy(), occurrence.dstResolution(),
                occurrence.tzdataVersion(), movedFrom, backfillOf, definition.resources());
    }
}
