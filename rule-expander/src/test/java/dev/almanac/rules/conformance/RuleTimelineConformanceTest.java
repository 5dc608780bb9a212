package dev.almanac.rules.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineDefinition;
import dev.almanac.recurrence.timeline.TimelineOccurrence;
import dev.almanac.rules.rule.StoredRule;

/**
 * shared-recurrence's {@link RuleTimeline}, computed from a rule's events alone, against what
 * rule-expander really published for them: for random rules (cron and RRULE, DST zones and 30- and
 * 45-minute offsets, jitter, durations) with random updates, pauses with and without an end,
 * resumes, disables, enables, deletions, moves, cancellations, ends and missed-run decisions,
 * and horizon passes at random times. Every occurrence a consumer holds once it has read every
 * record, and only those, is in the timeline, with the same id, times and fields; the timeline
 * answers the same for any window as for the whole. The seed of each world is in its name, and
 * {@code -Dalmanac.conformance.worlds=N} runs N of them.
 */
class RuleTimelineConformanceTest {

    private static final int RULES_PER_WORLD = 30;
    private static final int WINDOWS_PER_RULE = 6;

    static Stream<Long> seeds() {
        int worlds = Integer.getInteger("almanac.conformance.worlds", 6);
        long first = Long.getLong("almanac.conformance.seed", 68_000L);
        return LongStream.range(first, first + worlds).boxed();
    }

    @ParameterizedTest(name = "world {0}")
    @MethodSource("seeds")
    void theTimelineOfEachRuleHoldsExactlyWhatRuleExpanderMaterialisedAndDidNotRetract(long seed) {
        // Every other world cuts passes short, so that revisions, retractions and passes page.
        World world = new World(seed, RULES_PER_WORLD, seed % 2 == 0 ? 5_000 : 700).run();
        List<String> failures = new ArrayList<>();
        int occurrences = 0;
        for (RuleScript script : world.scripts()) {
            StoredRule stored = world.store().find(script.ruleId()).block(Duration.ofSeconds(10));
            RuleTimeline timeline = timelineOf(script);
            assertThat(stored).as("rule-expander stored %s", script.ruleId()).isNotNull();
            assertThat(timeline).as("timeline of %s", script.ruleId()).isNotNull();
            Map<OccurrenceId, OccurrenceMaterialized> consumed = world.log().asConsumed(script.ruleId());
            occurrences += consumed.size();
            String difference = compare(timeline, stored, consumed, world.now(), script);
            if (!difference.isEmpty()) {
                failures.add(difference + "\n" + script);
            }
            String ordering = compareOrders(consumed, world.log().asLastWritten(script.ruleId()));
            if (!ordering.isEmpty()) {
                failures.add(ordering + "\n" + script);
            }
            String windows = compareWindows(timeline, script, new Random(seed ^ script.ruleId().hashCode()));
            if (!windows.isEmpty()) {
                failures.add(windows + "\n" + script);
            }
        }
        assertThat(occurrences).as("occurrences compared").isGreaterThan(1_000);
        assertThat(failures).as("world %d (%d records, %d horizon passes)", seed, world.log().size(), world.passes()).isEmpty();
    }

    /** Where the rule's occurrences may begin: its {@code active_from}, or its creation, after which a move may put one sooner. */
    private static Instant earliest(RuleTimeline timeline, RuleScript script) {
        Instant activeFrom = timeline.definitions().get(0).activeFrom();
        Instant created = script.events().get(0).time();
        return created.isBefore(activeFrom) ? created : activeFrom;
    }

    private static RuleTimeline timelineOf(RuleScript script) {
        RuleTimeline timeline = null;
        for (RuleScript.Published published : script.events()) {
            timeline = RuleTimeline.next(timeline, published.event(), published.envelope());
        }
        return timeline;
    }

    /**
     * The timeline's occurrences where rule-expander has decided them: in the series, those resolving
     * before {@code materialised_until}; moved ones and backfill runs, which it publishes whatever
     * the horizon, all.
     */
    private static String compare(RuleTimeline timeline, StoredRule stored, Map<OccurrenceId, OccurrenceMaterialized> consumed,
                                  Instant now, RuleScript script) {
        Instant from = earliest(timeline, script).minus(Duration.ofDays(2));
        Map<OccurrenceId, TimelineOccurrence> expected = new LinkedHashMap<>();
        for (TimelineOccurrence occurrence : timeline.startingIn(from, now.plus(Duration.ofDays(400)))) {
            if (!occurrence.inSeries() || occurrence.occurrence().resolvedInstant().isBefore(stored.materialisedUntil())) {
                expected.put(occurrence.id(), occurrence);
            }
        }
        List<String> differences = new ArrayList<>();
        for (OccurrenceMaterialized published : consumed.values()) {
            TimelineOccurrence computed = expected.get(published.occurrenceId());
            if (computed == null) {
                differences.add("published, not in the timeline: " + published);
            } else if (!sameRecord(computed.toMaterialized(), published)) {
                differences.add("published:   " + published + "\n    computed: " + computed.toMaterialized());
            } else if (published.ruleVersion() < earliestVersionGiving(timeline, computed)) {
                differences.add("published at a version older than any definition that gives it: " + published);
            }
        }
        expected.values().stream().filter(occurrence -> !consumed.containsKey(occurrence.id()))
                .forEach(occurrence -> differences.add("in the timeline, not published: " + occurrence.toMaterialized()));
        if (differences.isEmpty()) {
            return "";
        }
        return timeline.ruleId() + " (materialised until " + stored.materialisedUntil() + "): " + differences.size() + " differences\n  "
                + String.join("\n  ", differences.subList(0, Math.min(12, differences.size())));
    }

    /**
     * The version of the earliest of the definitions leading up to the one that gives {@code computed}
     * that all give the same record: an update publishes nothing it leaves as it was, so a record may
     * carry any of their versions, or a later one (a pass stamps the rule's version when it runs).
     */
    private static long earliestVersionGiving(RuleTimeline timeline, TimelineOccurrence computed) {
        List<TimelineDefinition> definitions = timeline.definitions();
        int index = definitions.indexOf(computed.definition());
        if (computed.backfillOf() != null) {
            return definitions.get(index).version();
        }
        Instant resolved = computed.occurrence().resolvedInstant();
        while (index > 0) {
            TimelineDefinition earlier = definitions.get(index - 1);
            Occurrence occurrence = RecurrenceExpander.expand(earlier.spec(), resolved, resolved.plusSeconds(1), 1).occurrences().stream()
                    .filter(candidate -> candidate.resolvedInstant().equals(resolved)).findFirst().orElse(null);
            if (occurrence == null) {
                break;
            }
            TimelineOccurrence same = computed.inSeries() ? new TimelineOccurrence(occurrence, earlier, null, null)
                    : new TimelineOccurrence(occurrence.movedTo(computed.start()), earlier, occurrence.start(), null);
            if (!sameRecord(same.toMaterialized(), computed.toMaterialized())) {
                break;
            }
            index--;
        }
        return definitions.get(index).version();
    }

    /** Every field but the rule version, which says when a pass ran rather than which definition it used. */
    private static boolean sameRecord(OccurrenceMaterialized computed, OccurrenceMaterialized published) {
        return computed.equals(new OccurrenceMaterialized(published.occurrenceId(), published.ruleId(), computed.ruleVersion(),
                published.calendarId(), published.title(), published.type(), published.resolvedAt(), published.start(), published.end(),
                published.timezone(), published.nominalLocalTime(), published.dstPolicy(), published.dstResolution(),
                published.tzdataVersion(), published.movedFrom(), published.backfillOf(), published.resources()));
    }

    /** A consumer that keeps the newest version per id holds what one that keeps the last record does: no record goes back. */
    private static String compareOrders(Map<OccurrenceId, OccurrenceMaterialized> consumed, Map<OccurrenceId, OccurrenceMaterialized> last) {
        return consumed.equals(last) ? "" : "newest-version and last-record consumers differ: " + consumed.keySet().size() + " against "
                + last.keySet().size();
    }

    /** Any window answers what the whole timeline holds there, in start order; "any" and the end agree with it. */
    private static String compareWindows(RuleTimeline timeline, RuleScript script, Random random) {
        Instant wholeFrom = earliest(timeline, script).minus(Duration.ofDays(1));
        Instant wholeUntil = World.END.plus(Duration.ofDays(400));
        List<TimelineOccurrence> whole = timeline.startingIn(wholeFrom, wholeUntil);
        List<String> differences = new ArrayList<>();
        Optional<Instant> nothingFrom = timeline.nothingStartsFrom();
        if (nothingFrom.isPresent() && whole.stream().anyMatch(occurrence -> !occurrence.start().isBefore(nothingFrom.get()))) {
            differences.add("an occurrence starts after nothing should: " + nothingFrom.get());
        }
        TreeSet<Instant> starts = new TreeSet<>();
        whole.forEach(occurrence -> starts.add(occurrence.start()));
        for (int window = 0; window < WINDOWS_PER_RULE; window++) {
            long span = Duration.between(wholeFrom, World.END).toSeconds();
            Instant from = wholeFrom.plusSeconds((long) (random.nextDouble() * span));
            if (window % 2 == 0 && !starts.isEmpty()) {
                // Windows that begin or end exactly at a start, where an off-by-one shows.
                Instant at = starts.ceiling(from);
                from = at == null ? from : at;
            }
            Instant until = from.plus(Duration.ofHours(1 + random.nextInt(40 * 24)));
            if (window % 3 == 0 && starts.ceiling(until) != null) {
                until = starts.ceiling(until);
            }
            Instant windowFrom = from;
            Instant windowUntil = until;
            List<TimelineOccurrence> expected = whole.stream()
                    .filter(occurrence -> !occurrence.start().isBefore(windowFrom) && occurrence.start().isBefore(windowUntil)).toList();
            List<TimelineOccurrence> answered = timeline.startingIn(windowFrom, windowUntil);
            if (!answered.equals(expected)) {
                differences.add("window [" + windowFrom + ", " + windowUntil + ") answered " + answered.size() + ", the whole holds "
                        + expected.size());
            }
            if (timeline.anyStartingIn(windowFrom, windowUntil) == expected.isEmpty()) {
                differences.add("window [" + windowFrom + ", " + windowUntil + "): anyStartingIn disagrees");
            }
        }
        return differences.isEmpty() ? "" : timeline.ruleId() + ": " + String.join("\n  ", differences);
    }
}
