package dev.almanac.recurrence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.recurrence.BenchmarkCorpus.Entry;
import org.jspecify.annotations.Nullable;

/**
 * Runs a corpus entry through cron-utils' {@code ExecutionTime.nextExecution} and Spring's
 * {@code CronExpression.next}, each in a loop from one run to the next in the entry's zone, and
 * explains every instant on which one of them and Almanac disagree.
 *
 * <p>Every loop is guarded: a library that answers with a time not after the one it was given (Spring
 * does at Lord Howe's fall-back overlap, returning the same instant for ever) is moved on by one
 * minute, and the stall is reported.
 */
final class LibraryComparison {

    /** A library's runs in the window, and the instants at which its loop had to be moved on. */
    record Run(List<Instant> instants, Set<Instant> stalls) {
    }

    /** Why Almanac and a library disagree on an instant. */
    enum Kind {
        /** The library skips a time in a spring-forward gap; Almanac's default policy shifts it by the gap. */
        GAP_TIME_SHIFTED_BY_ALMANAC("skips a time the spring-forward gap swallows; Almanac runs it shifted by the gap (GAP_SHIFTED, the default policy)"),
        /** Stepping from run to run, the library runs a repeated hour at both instants; Almanac's default runs it once. */
        REPEATED_HOUR_RUN_TWICE_BY_LIBRARY("runs a time of the repeated fall-back hour at its later instant too; Almanac runs it once, at the earlier instant (OVERLAP_EARLIER, the default policy)"),
        /** The same text means different days in each dialect. */
        DIALECTS_DIFFER("reads the day fields by its own dialect: Spring needs both day-of-month and day-of-week to match, POSIX either"),
        /** The library returned a time not after the one it was asked from. */
        LIBRARY_STALLED("returned the same instant again when asked for the run after it; the loop stepped one minute past it"),
        UNEXPLAINED("disagrees for no reason the comparison knows");

        private final String reason;

        Kind(String reason) {
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    /** One instant that Almanac and a library do not share, and why; {@code local} is the wall-clock time in the entry's zone. */
    record Disagreement(String entry, String library, Instant instant, LocalDateTime local, Kind kind) {

        @Override
        public String toString() {
            return entry + ": " + library + " " + kind.reason() + " (" + local + ", " + instant + ")";
        }
    }

    private LibraryComparison() {
    }

    static Run cronUtils(Entry entry, Instant from, Instant until) {
        ExecutionTime executionTime = ExecutionTime.forCron(
                new CronParser(CronDefinitionBuilder.instanceDefinitionFor(entry.cronUtilsType())).parse(entry.cronUtils()));
        return loop(entry.zone(), from, until, previous -> executionTime.nextExecution(previous).orElse(null));
    }

    static Run spring(Entry entry, Instant from, Instant until) {
        org.springframework.scheduling.support.CronExpression cron = org.springframework.scheduling.support.CronExpression.parse(entry.spring());
        return loop(entry.zone(), from, until, cron::next);
    }

    private static Run loop(String zone, Instant from, Instant until, Function<ZonedDateTime, @Nullable ZonedDateTime> next) {
        List<Instant> instants = new ArrayList<>();
        Set<Instant> stalls = new LinkedHashSet<>();
        ZonedDateTime previous = from.minusSeconds(1).atZone(ZoneId.of(zone));
        while (true) {
            @Nullable ZonedDateTime following = next.apply(previous);
            if (following == null) {
                break;
            }
            if (!following.isAfter(previous)) {
                stalls.add(following.toInstant());
                previous = previous.plusMinutes(1);
                continue;
            }
            if (!following.toInstant().isBefore(until)) {
                break;
            }
            instants.add(following.toInstant());
            previous = following;
        }
        return new Run(instants, stalls);
    }

    /** Every instant in one list and not the other, with the reason for it. */
    static List<Disagreement> disagreements(Entry entry, List<Occurrence> almanac, String library, Run run) {
        Map<Instant, Occurrence> byInstant = almanac.stream().collect(Collectors.toMap(Occurrence::resolvedInstant, Function.identity()));
        Set<Instant> theirs = new TreeSet<>(run.instants());
        ZoneId zone = ZoneId.of(entry.zone());
        List<Disagreement> found = new ArrayList<>();
        for (Occurrence occurrence : almanac) {
            if (!theirs.contains(occurrence.resolvedInstant())) {
                Kind kind = occurrence.dstResolution() == DstResolution.GAP_SHIFTED ? Kind.GAP_TIME_SHIFTED_BY_ALMANAC
                        : entry.dialectsDiffer() ? Kind.DIALECTS_DIFFER : Kind.UNEXPLAINED;
                found.add(new Disagreement(entry.name(), library, occurrence.resolvedInstant(), occurrence.nominalLocalTime(), kind));
            }
        }
        for (Instant instant : theirs) {
            if (!byInstant.containsKey(instant)) {
                LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
                Kind kind = zone.getRules().getValidOffsets(local).size() == 2 ? Kind.REPEATED_HOUR_RUN_TWICE_BY_LIBRARY
                        : entry.dialectsDiffer() ? Kind.DIALECTS_DIFFER : Kind.UNEXPLAINED;
                found.add(new Disagreement(entry.name(), library, instant, local, kind));
            }
        }
        for (Instant stall : run.stalls()) {
            found.add(new Disagreement(entry.name(), library, stall, LocalDateTime.ofInstant(stall, zone), Kind.LIBRARY_STALLED));
        }
        return found;
    }

    /** How many disagreements of each kind, in the order of the kinds. */
    static Map<Kind, Long> countByKind(List<Disagreement> disagreements) {
        return disagreements.stream().collect(Collectors.groupingBy(Disagreement::kind, () -> new EnumMap<>(Kind.class), Collectors.counting()));
    }
}
