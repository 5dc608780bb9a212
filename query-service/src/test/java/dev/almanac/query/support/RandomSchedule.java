package dev.almanac.query.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.entry.EntryTiming;

/**
 * A seeded random history of calendars, items (some moved once or twice, some longer than a day)
 * and occurrences, delivered as a consumer would see it: each entity's events in version order,
 * entities interleaved, with duplicates and late redeliveries of older versions mixed in. It
 * keeps the plain truth alongside, each entry where its newest version put it, for tests to
 * compare the read models with.
 */
public final class RandomSchedule {

    private static final List<String> TYPES = List.of("meeting", "job", "maintenance_job");

    private final Random random;
    private final Instant from;
    private final long spanSeconds;
    private final List<ReceivedEvent> events = new ArrayList<>();
    private final Map<String, Placed> truth = new LinkedHashMap<>();

    private RandomSchedule(long seed, Instant from, Duration span) {
        this.random = new Random(seed);
        this.from = from;
        this.spanSeconds = span.toSeconds();
    }

    /** Where an entry is, as its newest version says. */
    public record Placed(String id, String calendarId, String type, Instant start, Instant end) {

        public EntryTiming timing() {
            return new EntryTiming(start, end, calendarId, type);
        }
    }

    public static RandomSchedule generate(long seed, List<String> calendars, Instant from, Duration span, int entries) {
        return generate(seed, calendars, from, span, entries, List.of());
    }

    /** As {@link #generate(long, List, Instant, Duration, int)}, plus a 15-minute item on the first calendar at each of {@code starts}. */
    public static RandomSchedule generate(long seed, List<String> calendars, Instant from, Duration span, int entries, List<Instant> starts) {
        RandomSchedule schedule = new RandomSchedule(seed, from, span);
        List<List<ReceivedEvent>> perEntity = new ArrayList<>();
        for (String calendar : calendars) {
            perEntity.add(List.of(Received.of(ReadModelFixture.calendar(calendar, ZoneId.of("UTC")), 0)));
        }
        for (int i = 0; i < entries; i++) {
            String calendar = calendars.get(schedule.random.nextInt(calendars.size()));
            perEntity.add(schedule.random.nextInt(5) == 0 ? schedule.occurrence(i, calendar) : schedule.item(i, calendar));
        }
        for (int i = 0; i < starts.size(); i++) {
            String id = "fixed-" + i;
            perEntity.add(List.of(Received.of(ReadModelFixture.item(id, calendars.get(0), "job", starts.get(i), Duration.ofMinutes(15)), 0)));
            schedule.truth.put(id, new Placed(id, calendars.get(0), "job", starts.get(i), starts.get(i).plus(Duration.ofMinutes(15))));
        }
        schedule.interleave(perEntity);
        return schedule;
    }

    public List<ReceivedEvent> events() {
        return events;
    }

    public List<Placed> entries() {
        return List.copyOf(truth.values());
    }

    private List<ReceivedEvent> item(int index, String calendar) {
        String id = index % 7 == 0 ? "item." + index : "item-" + index;
        String type = TYPES.get(random.nextInt(TYPES.size()));
        Instant start = someInstant();
        Instant end = start.plus(someLength());
        List<ReceivedEvent> history = new ArrayList<>();
        history.add(Received.of(ReadModelFixture.item(id, calendar, type, start, Duration.between(start, end)), 0));
        int moves = random.nextInt(10) < 3 ? 1 + random.nextInt(2) : 0;
        for (int move = 1; move <= moves; move++) {
            Instant newStart = someInstant();
            Instant newEnd = newStart.plus(someLength());
            history.add(Received.of(new ItemRescheduled(ItemId.of(id), CalendarId.of(calendar),
                    start, end, newStart, newEnd, "move " + move), move));
            start = newStart;
            end = newEnd;
        }
        truth.put(id, new Placed(id, calendar, type, start, end));
        return history;
    }

    private List<ReceivedEvent> occurrence(int index, String calendar) {
        OccurrenceMaterialized sample = EventSamples.occurrenceMaterialized();
        RuleId rule = RuleId.of("rule-" + calendar);
        Instant start = someInstant();
        Instant end = start.plus(someLength());
        String type = TYPES.get(random.nextInt(TYPES.size()));
        OccurrenceMaterialized occurrence = new OccurrenceMaterialized(OccurrenceId.of(rule, start.plusMillis(index)), rule, 0,
                CalendarId.of(calendar), sample.title(), type, start, start, end, sample.timezone(),
                LocalDateTime.of(2025, 1, 1, 0, 0), sample.dstPolicy(), sample.dstResolution(), sample.tzdataVersion());
        truth.put(occurrence.occurrenceId().value(), new Placed(occurrence.occurrenceId().value(), calendar, type, start, end));
        return List.of(Received.of(occurrence, 0));
    }

    /** Mostly under an hour, often exactly on a slot, sometimes zero, sometimes several days. */
    private Duration someLength() {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return Duration.ZERO;
        }
        if (kind == 1) {
            return Duration.ofMinutes(60L * (24 + random.nextInt(72)));
        }
        return kind < 5 ? Duration.ofMinutes(15L * (1 + random.nextInt(8))) : Duration.ofSeconds(1 + random.nextInt(3600));
    }

    /** Anywhere in the span, to the millisecond, a third of them on a quarter-hour. */
    private Instant someInstant() {
        Instant instant = from.plusSeconds((long) (random.nextDouble() * spanSeconds));
        if (random.nextInt(3) == 0) {
            return Instant.ofEpochSecond(instant.getEpochSecond() / 900 * 900);
        }
        return instant.plusMillis(random.nextInt(1000));
    }

    private void interleave(List<List<ReceivedEvent>> perEntity) {
        List<List<ReceivedEvent>> pending = new ArrayList<>();
        perEntity.forEach(history -> pending.add(new ArrayList<>(history)));
        List<ReceivedEvent> delivered = new ArrayList<>();
        while (!pending.isEmpty()) {
            int pick = random.nextInt(pending.size());
            List<ReceivedEvent> history = pending.get(pick);
            ReceivedEvent next = history.remove(0);
            events.add(next);
            delivered.add(next);
            if (random.nextInt(8) == 0) {
                events.add(delivered.get(random.nextInt(delivered.size())));
            }
            if (history.isEmpty()) {
                pending.remove(pick);
            }
        }
    }

    /** Splits the events into consecutive batches of random sizes from 1 to {@code largest}. */
    public List<List<ReceivedEvent>> batches(int largest) {
        List<List<ReceivedEvent>> batches = new ArrayList<>();
        for (int start = 0; start < events.size(); ) {
            int size = 1 + random.nextInt(largest);
            batches.add(events.subList(start, Math.min(events.size(), start + size)));
            start += size;
        }
        return batches;
    }
}
