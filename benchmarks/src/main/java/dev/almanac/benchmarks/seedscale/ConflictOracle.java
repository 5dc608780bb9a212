package dev.almanac.benchmarks.seedscale;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The conflicts the planted rules imply, counted without the stack: each planted rule expanded over the detection
 * window by plain date arithmetic, and each capacity-1 calendar swept as SCH-010 and ADR 0009 define a conflict.
 * An occurrence counts when its start lies in {@code [from, till)}, as rule-expander materialises up to now plus its
 * horizon. Where more entries overlap than the capacity is a breach; consecutive breaches that touch and share an
 * entry are one conflict.
 */
public final class ConflictOracle {

    private ConflictOracle() {
    }

    /**
     * @param byCalendar  conflicts expected on each planted calendar
     * @param nearestEdge how close the planted occurrence nearest to either edge of the window falls to it: a run that
     *                    takes longer than this, between its start and the conflicts' count, may see one more or one
     *                    fewer occurrence at an edge than the oracle counts
     */
    public record Expected(int conflicts, Map<String, Integer> byCalendar, int occurrences, Duration nearestEdge) {
    }

    /** One occurrence of a planted rule. */
    record Occurrence(String ruleId, Instant start, Instant end) {
    }

    public static Expected expected(List<SeedPlan.PlantedRule> planted, Instant from, Instant till) {
        Map<String, List<Occurrence>> byCalendar = new TreeMap<>();
        Duration nearest = null;
        int occurrences = 0;
        for (SeedPlan.PlantedRule rule : planted) {
            List<Occurrence> inWindow = byCalendar.computeIfAbsent(rule.calendar(), calendar -> new ArrayList<>());
            for (Instant start : starts(rule, from.minus(Duration.ofDays(2)), till.plus(Duration.ofDays(2)))) {
                Duration edge = min(Duration.between(from, start).abs(), Duration.between(till, start).abs());
                nearest = nearest == null ? edge : min(nearest, edge);
                if (!start.isBefore(from) && start.isBefore(till)) {
                    inWindow.add(new Occurrence(rule.ruleId(), start, start.plus(rule.duration())));
                    occurrences++;
                }
            }
        }
        Map<String, Integer> conflicts = byCalendar.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> conflicts(entry.getValue(), 1), (a, b) -> a, TreeMap::new));
        return new Expected(conflicts.values().stream().mapToInt(Integer::intValue).sum(), conflicts, occurrences,
                nearest == null ? Duration.ZERO : nearest);
    }

    /** The starts of {@code rule} in {@code [from, till)}: its local time on each day (or weekday) of its zone. */
    static List<Instant> starts(SeedPlan.PlantedRule rule, Instant from, Instant till) {
        List<Instant> starts = new ArrayList<>();
        LocalDate last = till.atZone(rule.zone()).toLocalDate();
        for (LocalDate day = from.atZone(rule.zone()).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (rule.weekdaysOnly() && (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY)) {
                continue;
            }
            // Planted times lie where no zone of the plan changes its offset, so the local time exists once.
            Instant start = ZonedDateTime.of(day, rule.at(), rule.zone()).toInstant();
            if (!start.isBefore(from) && start.isBefore(till)) {
                starts.add(start);
            }
        }
        return starts;
    }

    /** The conflicts among one calendar's occurrences at {@code capacity}: breaches, merged where they touch and share one. */
    static int conflicts(List<Occurrence> occurrences, int capacity) {
        TreeMap<Instant, List<Occurrence>> starting = new TreeMap<>();
        TreeMap<Instant, List<Occurrence>> ending = new TreeMap<>();
        Set<Instant> boundaries = new TreeSet<>();
        for (Occurrence occurrence : occurrences) {
            starting.computeIfAbsent(occurrence.start(), at -> new ArrayList<>()).add(occurrence);
            ending.computeIfAbsent(occurrence.end(), at -> new ArrayList<>()).add(occurrence);
            boundaries.add(occurrence.start());
            boundaries.add(occurrence.end());
        }
        Set<Occurrence> active = new HashSet<>();
        Set<Occurrence> previousBreach = Set.of();
        Instant previousBreachEnd = null;
        Instant segmentStart = null;
        int conflicts = 0;
        for (Instant boundary : boundaries) {
            if (segmentStart != null && active.size() > capacity) {
                boolean continues = segmentStart.equals(previousBreachEnd) && active.stream().anyMatch(previousBreach::contains);
                if (!continues) {
                    conflicts++;
                }
                previousBreach = Set.copyOf(active);
                previousBreachEnd = boundary;
            }
            // Half-open intervals: an occurrence ending here has left before one starting here arrives.
            ending.getOrDefault(boundary, List.of()).forEach(active::remove);
            active.addAll(starting.getOrDefault(boundary, List.of()));
            segmentStart = boundary;
        }
        return conflicts;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
