package dev.almanac.query.export;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.query.entry.EntryView;
import dev.almanac.recurrence.CronExpression;
import dev.almanac.recurrence.Expansion;
import dev.almanac.recurrence.InvalidScheduleException;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RRuleSchedule;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Schedule;
import dev.almanac.recurrence.timeline.TimelineDefinition;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

/**
 * One rule's occurrences in an export's window as an RFC 5545 series: a master VEVENT with DTSTART in the rule's zone and
 * an RRULE bounded by the window (UNTIL), EXDATEs for the instances the rule does not run (cancelled, paused, skipped in a
 * DST gap, withdrawn by an update), RECURRENCE-ID overrides for the occurrences that stand elsewhere (moved, of another
 * definition), and single events for the rest (backfill runs, what runs at a local time a DST change repeats, which
 * clients read differently). EXDATE and RECURRENCE-ID name an instance by its local time in the rule's zone, as the RRULE names it.
 * An instance in a DST gap stays in the series where Almanac runs it as RFC 5545 reads it (shifted forward, the default
 * policy); a rule that skips one in the window is written as its occurrences, since clients disagree on how to exclude a
 * local time that does not exist. The series is checked against the occurrences, not assumed: the instances a client computes from the
 * RRULE (RFC 5545: a local time in a DST gap is read at the offset before it, a repeated one at its first) are expanded
 * here (a cron's from the cron itself, whose RRULE {@link CronRRules} writes only where it names the same wall-clock
 * times), and every difference is written as one of the above, so the file expands to exactly the occurrences Almanac lists.
 * A rule whose series would explain fewer than half of its occurrences, whose cron no RRULE says, or that has jitter (each
 * start its own) is written as single events, one per occurrence, as before (ADR 0082).
 */
record RuleSeries(@Nullable Master master, List<Replacement> replacements, List<EntryView> singles) {

    /** Beyond this many instances in one window the series is not expanded here, and the occurrences are written singly. */
    static final int MAX_INSTANCES = 50_000;

    /** The RFC 5545 reading of local times: a gap time at the offset before the gap, a repeated time at its first. */
    private static final DstPolicy RFC_5545 = DstPolicy.DEFAULT;

    /** A listed occurrence with what its rule's timeline knows of it. */
    record Listed(EntryView view, TimelineOccurrence occurrence) {
    }

    /** The series' own event. */
    record Master(String ruleId, ZoneId zone, LocalDateTime start, Duration duration, String rrule, EntryView sample,
                  List<LocalDateTime> exdates, Instant firstStart, Instant until) {
    }

    /** An occurrence standing apart from where the series puts the instance it replaces. */
    record Replacement(LocalDateTime recurrenceId, EntryView view) {
    }

    static RuleSeries singly(List<Listed> listed) {
        return new RuleSeries(null, List.of(), listed.stream().map(Listed::view).toList());
    }

    /** The plan of one rule's listed occurrences (all of one rule, overlapping a window that ends at {@code till}). */
    static RuleSeries of(String ruleId, List<Listed> listed, Instant till) {
        if (listed.size() < 2) {
            return singly(listed);
        }
        TimelineDefinition definition = mostListed(listed);
        RecurrenceSpec spec = definition.spec();
        if (spec.jitterSeconds() > 0) {
            return singly(listed);
        }
        Optional<String> rrule = rruleOf(spec.schedule());
        Listed first = listed.stream()
                .filter(one -> one.occurrence().inSeries() && one.occurrence().definition().version() == definition.version()
                        && one.occurrence().occurrence().dstResolution() == DstResolution.EXACT)
                .min(Comparator.comparing((Listed one) -> one.occurrence().start()))
                .orElse(null);
        if (rrule.isEmpty() || first == null) {
            return singly(listed);
        }
        LocalDateTime start = first.occurrence().occurrence().nominalLocalTime();
        Instant firstStart = first.occurrence().start();
        // Instances start before the window's end; UNTIL is inclusive.
        Instant until = till.minusSeconds(1);
        String bounded = rrule.get() + ";UNTIL=" + ContentLines.utc(until);
        List<Occurrence> instances;
        try {
            // A cron's RRULE names the cron's own wall-clock times (CronRRules), so its instances are the cron's, expanded by
            // the engine's cron plan; an RRULE rule's are expanded from the RRULE as written. Either with RFC 5545's reading.
            Schedule written = spec.schedule() instanceof CronExpression cron ? cron : RRuleSchedule.of(bounded, start);
            RecurrenceSpec series = new RecurrenceSpec(spec.ruleId(), written, spec.zone(), RFC_5545, spec.duration(), 0);
            Expansion expansion = RecurrenceExpander.expand(series, firstStart, till, MAX_INSTANCES);
            if (expansion.truncated()) {
                return singly(listed);
            }
            instances = expansion.occurrences();
        } catch (InvalidScheduleException | IllegalArgumentException unexpandable) {
            return singly(listed);
        }
        // DTSTART and UNTIL bound the instances by local time (RFC 5545, 3.3.10).
        LocalDateTime untilLocal = LocalDateTime.ofInstant(until, spec.zone());
        Map<LocalDateTime, Occurrence> byLocalTime = new LinkedHashMap<>();
        for (Occurrence instance : instances) {
            LocalDateTime local = instance.nominalLocalTime();
            if (!local.isBefore(start) && !local.isAfter(untilLocal)) {
                byLocalTime.putIfAbsent(local, instance);
            }
        }
        if (!byLocalTime.containsKey(start)) {
            return singly(listed);
        }
        String summary = ICalendarFeed.summary(first.view());
        Set<String> categories = ICalendarFeed.categories(first.view());
        Set<LocalDateTime> used = new HashSet<>();
        List<Replacement> replacements = new ArrayList<>();
        List<EntryView> singles = new ArrayList<>();
        int inSeries = 0;
        for (Listed one : listed) {
            TimelineOccurrence occurrence = one.occurrence();
            LocalDateTime nominal = occurrence.occurrence().nominalLocalTime();
            Occurrence instance = byLocalTime.get(nominal);
            boolean free = instance != null && !used.contains(nominal);
            // A local time a DST change repeats is read at its first by RFC 5545, at its second by java.util's zones and
            // the clients built on them: such an instance is excluded, and what Almanac runs there is a single event in UTC.
            if (free && instance.dstResolution() != DstResolution.OVERLAP_EARLIER && occurrence.inSeries() && occurrence.definition().version() == definition.version()
                    && one.view().start().equals(instance.start()) && one.view().end().equals(instance.end())
                    && summary.equals(ICalendarFeed.summary(one.view())) && sameCategories(first.view(), categories, one.view())) {
                used.add(nominal);
                inSeries++;
            } else if (free && occurrence.backfillOf() == null && instance.dstResolution() == DstResolution.EXACT) {
                used.add(nominal);
                replacements.add(new Replacement(nominal, one.view()));
            } else {
                singles.add(one.view());
            }
        }
        List<LocalDateTime> exdates = new ArrayList<>();
        for (Map.Entry<LocalDateTime, Occurrence> instance : byLocalTime.entrySet()) {
            if (used.contains(instance.getKey())) {
                continue;
            }
            if (instance.getValue().dstResolution() == DstResolution.GAP_SHIFTED) {
                // A local time a DST gap skips cannot be excluded alike everywhere: clients that compare local values find
                // no instance there, those that compare instants find the one after the gap. Such a rule is written as its
                // occurrences for this window.
                return singly(listed);
            }
            exdates.add(instance.getKey());
        }
        // A series that explains less than half of what is listed, or has more exceptions than instances, says less than
        // the occurrences themselves.
        if (inSeries * 2 < listed.size() || exdates.size() > inSeries) {
            return singly(listed);
        }
        Master master = new Master(ruleId, spec.zone(), start, spec.duration(), rrule.get(), first.view(), exdates, firstStart, until);
        return new RuleSeries(master, replacements, singles);
    }

    /** Whether {@code entry} has the sample's categories; the same type and tags have them without building the set. */
    private static boolean sameCategories(EntryView sample, Set<String> sampleCategories, EntryView entry) {
        return sample.type().equals(entry.type()) && sample.tags().equals(entry.tags())
                || sampleCategories.equals(ICalendarFeed.categories(entry));
    }

    /** The definition that produced most of the occurrences the series puts where it is. */
    private static TimelineDefinition mostListed(List<Listed> listed) {
        Map<Long, Integer> counts = new HashMap<>();
        Map<Long, TimelineDefinition> definitions = new HashMap<>();
        for (Listed one : listed) {
            TimelineDefinition definition = one.occurrence().definition();
            definitions.putIfAbsent(definition.version(), definition);
            if (one.occurrence().inSeries()) {
                counts.merge(definition.version(), 1, Integer::sum);
            }
        }
        long version = counts.entrySet().stream()
                .max(Map.Entry.<Long, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse(listed.get(0).occurrence().definition().version());
        return definitions.get(version);
    }

    /**
     * The RRULE of a schedule, without COUNT or UNTIL (the window bounds the series): an RRULE rule's own (its EXDATEs and
     * RDATEs come out as differences), a cron's where one says the same.
     */
    static Optional<String> rruleOf(Schedule schedule) {
        if (schedule instanceof RRuleSchedule rrule) {
            List<String> parts = new ArrayList<>();
            for (String part : rrule.rrule().split(";")) {
                if (!part.isBlank() && !part.startsWith("COUNT=") && !part.startsWith("UNTIL=")) {
                    parts.add(part);
                }
            }
            return Optional.of(String.join(";", parts));
        }
        if (schedule instanceof CronExpression cron) {
            return CronRRules.of(cron);
        }
        return Optional.empty();
    }
}
