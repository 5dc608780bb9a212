package dev.almanac.conflicts.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.almanac.conflicts.testing.Rules;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

/**
 * Issue 68's seed: rules of its mix (60 % daily, 20 % hourly in weekday office hours, 10 % hourly, 10 % every 30
 * minutes) in eight zones on 100 calendars. Most calendars have no limit to speak of (capacity 10,000); a few are
 * limited, and hold daily rules that never overlap, planted pairs that overlap every day, an office-hours rule that
 * meets the daily ones, and items, some placed on a rule's occurrence: so a known number of conflicts exist.
 *
 * <p>{@link #expected} is the oracle: it expands each rule with {@code RuleTimeline} up to the horizon and finds, by its
 * own sweep over the elementary segments of each calendar, every stretch where more entries overlap than the capacity
 * allows, and every SCH-022 stretch of 80 % of it or more (rounded up, capacity 2 and above), merged while consecutive
 * and sharing an entry. None of the detector's code takes part.
 */
final class SeedScale {

    static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"), ZoneId.of("America/Los_Angeles"),
            ZoneId.of("Europe/London"), ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"),
            ZoneId.of("Australia/Sydney"));
    static final int UNLIMITED = 10_000;

    final List<CalendarCreated> calendars = new ArrayList<>();
    final List<RuleCreated> rules = new ArrayList<>();
    final List<ItemScheduled> items = new ArrayList<>();
    final Map<CalendarId, Integer> capacities = new LinkedHashMap<>();

    private SeedScale() {
    }

    /**
     * @param rules    how many rules in all
     * @param calendars how many calendars
     * @param limited  how many of them are limited (capacity 1 to 3)
     * @param now      when the rules are created: they are active from the next minute
     */
    static SeedScale generate(long seed, int rules, int calendars, int limited, Instant now) {
        Random random = new Random(seed);
        SeedScale scale = new SeedScale();
        Instant activeFrom = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        List<CalendarId> open = new ArrayList<>();
        int made = 0;
        for (int index = 0; index < calendars; index++) {
            boolean isLimited = index < limited;
            CalendarId id = CalendarId.of((isLimited ? "cal-seed-limited-" : "cal-seed-") + index);
            int capacity = isLimited ? 1 + index % 3 : UNLIMITED;
            scale.calendars.add(new CalendarCreated(id, "Seed " + id, isLimited ? CalendarType.VENUE : CalendarType.QUEUE, ZoneId.of("UTC"),
                    capacity, OverbookingPolicy.ALLOW));
            scale.capacities.put(id, capacity);
            if (!isLimited) {
                open.add(id);
                continue;
            }
            ZoneId zone = ZONES.get(index % ZONES.size());
            // Daily runs at hours that never overlap one another.
            for (int hour = 0; hour < 20; hour++) {
                scale.rules.add(Rules.created(ruleId(made++), "Daily " + hour, "0 " + hour + " * * *", zone, id, Duration.ofMinutes(30),
                        activeFrom));
            }
            // A planted pair that overlaps every day, and an office-hours rule that meets the daily runs of 9 to 17.
            scale.rules.add(Rules.created(ruleId(made++), "Planted", "0 20 * * *", zone, id, Duration.ofMinutes(30), activeFrom));
            scale.rules.add(Rules.created(ruleId(made++), "Planted too", "15 20 * * *", zone, id, Duration.ofMinutes(30), activeFrom));
            scale.rules.add(Rules.created(ruleId(made++), "Office hours", "10 9-17 * * 1-5", zone, id, Duration.ofMinutes(10),
                    activeFrom));
            // Items: some on a daily run, some in the free hours.
            for (int item = 0; item < 10; item++) {
                Instant day = activeFrom.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(2 + random.nextInt(60)));
                Instant start = item % 2 == 0
                        ? day.atZone(zone).withHour(random.nextInt(20)).withMinute(10).toInstant()
                        : day.atZone(zone).withHour(21 + random.nextInt(3)).withMinute(0).toInstant();
                scale.items.add(new ItemScheduled(ItemId.of("item-seed-" + index + "-" + item), id, "Seed item " + item, "meeting", start,
                        start.plus(Duration.ofMinutes(20)), zone, Priority.NORMAL, List.of()));
            }
        }
        for (int index = made; index < rules; index++) {
            CalendarId calendar = open.get(index % open.size());
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            int minute = 5 * random.nextInt(12);
            int kind = index % 10;
            String cron;
            Duration duration;
            if (kind < 6) {
                cron = minute + " " + random.nextInt(24) + " * * *";
                duration = Duration.ofMinutes(5 + 5L * random.nextInt(6));
            } else if (kind < 8) {
                cron = minute + " 9-17 * * 1-5";
                duration = Duration.ofMinutes(5 + 5L * random.nextInt(3));
            } else if (kind < 9) {
                cron = minute + " * * * *";
                duration = Duration.ofMinutes(5 + 5L * random.nextInt(2));
            } else {
                cron = (minute % 30) + "," + (minute % 30 + 30) + " * * * *";
                duration = Duration.ofMinutes(5 + 5L * random.nextInt(2));
            }
            scale.rules.add(Rules.created(ruleId(index), "Job " + index, cron, zone, calendar, duration, activeFrom));
        }
        return scale;
    }

    private static RuleId ruleId(int index) {
        return RuleId.of("rule-seed-" + index);
    }

    /** A conflict as both sides describe it: its calendar, whether it is a warning, its window and its entries. */
    record Conflict(CalendarId calendarId, boolean warning, Instant start, Instant end, Set<String> entries) {
    }

    /** What the detector published, folded: the conflicts of calendars whose last event is a detection. */
    static Set<Conflict> found(Collection<ConflictDetected> active) {
        Set<Conflict> found = new HashSet<>();
        for (ConflictDetected detected : active) {
            if (detected.resourceId() != null || detected.link() != null) {
                continue;
            }
            Set<String> entries = new TreeSet<>();
            for (ConflictingEntry entry : detected.entries()) {
                entries.add(entry.kind() + ":" + entry.entryId());
            }
            found.add(new Conflict(detected.calendarId(), detected.type() == ConflictType.CAPACITY_WARNING, detected.start(),
                    detected.end(), entries));
        }
        return found;
    }

    /** The oracle: every conflict of every calendar, the rules expanded up to {@code horizon}. */
    Set<Conflict> expected(Instant horizon, EventMetadataSource metadata) {
        Map<CalendarId, List<Interval>> byCalendar = new HashMap<>();
        for (ItemScheduled item : items) {
            byCalendar.computeIfAbsent(item.calendarId(), any -> new ArrayList<>())
                    .add(new Interval(item.start().toEpochMilli(), item.end().toEpochMilli(), "ITEM:" + item.itemId().value()));
        }
        for (RuleCreated rule : rules) {
            if (capacities.getOrDefault(rule.calendarId(), UNLIMITED) >= UNLIMITED) {
                // A calendar of capacity 10,000 holds at most a few hundred of these at once: nothing to find there.
                continue;
            }
            RuleTimeline timeline = RuleTimeline.start(rule, metadata.of(rule)).orElseThrow();
            for (TimelineOccurrence occurrence : timeline.startingIn(rule.activeFrom(), horizon)) {
                byCalendar.computeIfAbsent(occurrence.definition().calendarId(), any -> new ArrayList<>()).add(new Interval(
                        occurrence.start().toEpochMilli(), occurrence.end().toEpochMilli(), "OCCURRENCE:" + occurrence.id().value()));
            }
        }
        Set<Conflict> expected = new HashSet<>();
        byCalendar.forEach((calendar, intervals) -> {
            int capacity = capacities.getOrDefault(calendar, UNLIMITED);
            expected.addAll(stretches(calendar, intervals, capacity + 1, false));
            if (capacity >= 2) {
                expected.addAll(stretches(calendar, intervals, (int) Math.ceil(0.8 * capacity), true));
            }
        });
        return expected;
    }

    /** The calendar's stretches of at least {@code threshold} entries at once, merged while consecutive and sharing an entry. */
    private static List<Conflict> stretches(CalendarId calendar, List<Interval> intervals, int threshold, boolean warning) {
        TreeMap<Long, List<Interval>> starting = new TreeMap<>();
        TreeMap<Long, List<Interval>> ending = new TreeMap<>();
        TreeSet<Long> bounds = new TreeSet<>();
        for (Interval interval : intervals) {
            starting.computeIfAbsent(interval.start(), any -> new ArrayList<>()).add(interval);
            ending.computeIfAbsent(interval.end(), any -> new ArrayList<>()).add(interval);
            bounds.add(interval.start());
            bounds.add(interval.end());
        }
        List<Conflict> found = new ArrayList<>();
        Set<String> open = new HashSet<>();
        Set<String> run = null;
        long runStart = 0;
        long runEnd = 0;
        Long previous = null;
        for (long bound : bounds) {
            if (previous != null) {
                boolean hot = open.size() >= threshold;
                Set<String> current = run;
                boolean continues = current != null && runEnd == previous && open.stream().anyMatch(current::contains);
                if (hot && continues) {
                    run.addAll(open);
                    runEnd = bound;
                } else {
                    if (run != null) {
                        found.add(new Conflict(calendar, warning, Instant.ofEpochMilli(runStart), Instant.ofEpochMilli(runEnd), run));
                        run = null;
                    }
                    if (hot) {
                        run = new TreeSet<>(open);
                        runStart = previous;
                        runEnd = bound;
                    }
                }
            }
            ending.getOrDefault(bound, List.of()).forEach(interval -> open.remove(interval.id()));
            starting.getOrDefault(bound, List.of()).forEach(interval -> open.add(interval.id()));
            previous = bound;
        }
        if (run != null) {
            found.add(new Conflict(calendar, warning, Instant.ofEpochMilli(runStart), Instant.ofEpochMilli(runEnd), run));
        }
        return found;
    }

    /** The envelope a rule's creation was published with, for folding its timeline. */
    @FunctionalInterface
    interface EventMetadataSource {

        EventMetadata of(RuleCreated rule);
    }

    private record Interval(long start, long end, String id) {
    }
}
