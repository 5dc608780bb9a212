package dev.almanac.query.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.almanac.events.TimeRange;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.RandomSchedule;

/**
 * A calendar's entries read page by page from the day documents are exactly the entries that
 * overlap the window, in (start, id) order, each once: entries longer than a day, entries that
 * started before the window, entries without length, moved entries and ids with dots included.
 */
class CalendarDaysTest {

    private static final List<String> CALENDARS = List.of("cal-a", "cal.b", "cal-c");
    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(20);

    private static RandomSchedule schedule;
    private static MongoDatabase database;
    private static CalendarDays days;

    @BeforeAll
    static void projectARandomScheduleInRandomBatches() {
        database = InMemoryMongo.freshDatabase("calendar_days");
        Projections projections = new Projections(database, Duration.ofSeconds(30));
        schedule = RandomSchedule.generate(42L, CALENDARS, FROM, SPAN, 700);
        for (List<ReceivedEvent> batch : schedule.batches(60)) {
            projections.apply(batch).block(Duration.ofSeconds(30));
        }
        days = new CalendarDays(database);
    }

    @Test
    void pagesThroughExactlyTheOverlappingEntriesInStartAndIdOrder() {
        Random random = new Random(11);
        for (int i = 0; i < 80; i++) {
            Instant from = FROM.minus(Duration.ofDays(2)).plusSeconds(random.nextInt((int) SPAN.plusDays(4).toSeconds()))
                    .plusMillis(random.nextInt(1000));
            Instant till = from.plusSeconds(1 + random.nextInt((int) Duration.ofDays(random.nextBoolean() ? 1 : 15).toSeconds()));
            String calendar = CALENDARS.get(random.nextInt(CALENDARS.size()));
            int limit = random.nextBoolean() ? 1 + random.nextInt(40) : 1000;

            assertThat(readAllPages(calendar, new TimeRange(from, till), limit)).as("%s %s..%s by %d", calendar, from, till, limit)
                    .containsExactlyElementsOf(overlapping(calendar, from, till));
        }
    }

    @Test
    void everyDayDocumentHoldsItsSlotSummaryOfTheEntriesThatStartInIt() {
        CalendarDayCodec codec = new CalendarDayCodec();
        Mongo.all(database, CalendarDays.COLLECTION).forEach(document -> {
            CalendarDay day = codec.decode(document);
            SlotSummary.Builder expected = SlotSummary.builder();
            schedule.entries().stream()
                    .filter(entry -> entry.calendarId().equals(day.calendarId()) && UtcSlots.dayOf(entry.start()).equals(day.day()))
                    .forEach(entry -> expected.add(UtcSlots.slotOf(entry.start()), entry.type(), entry.timing().duration().toSeconds()));

            assertThat(byTypeName(CalendarDayCodec.summary(document))).as(day.id()).isEqualTo(byTypeName(expected.build()));
        });
    }

    /**
     * Each slot's count, seconds and counts by type name: a stored occurrence's summary type names its rule too
     * ({@link EntryCopy#summaryType()}), which the schedule does not know.
     */
    private static List<String> byTypeName(SlotSummary summary) {
        List<String> slots = new ArrayList<>();
        for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
            Map<String, Integer> types = new TreeMap<>();
            for (int type = 0; type < summary.types().size(); type++) {
                if (summary.typeCount(type, slot) != 0) {
                    types.merge(EntryCopy.summaryTypeName(summary.types().get(type)), summary.typeCount(type, slot), Integer::sum);
                }
            }
            slots.add(slot + ": " + summary.count(slot) + " in " + summary.seconds(slot) + " s " + types);
        }
        return slots;
    }

    /** Reads page after page, one more than the limit each time, as the endpoint does. */
    private static List<String> readAllPages(String calendar, TimeRange window, int limit) {
        List<String> seen = new ArrayList<>();
        EntryCursor cursor = null;
        for (int page = 0; page < 10_000; page++) {
            List<EntryCopy> copies = days.overlapping(calendar, window, cursor, limit + 1).block(Duration.ofSeconds(10));
            copies.stream().limit(limit).forEach(copy -> seen.add(copy.id()));
            if (copies.size() <= limit) {
                return seen;
            }
            EntryCopy last = copies.get(limit - 1);
            cursor = new EntryCursor(last.start(), last.id());
        }
        throw new AssertionError("paging did not end");
    }

    private static List<String> overlapping(String calendar, Instant from, Instant till) {
        return schedule.entries().stream()
                .filter(entry -> entry.calendarId().equals(calendar) && entry.start().isBefore(till) && entry.end().isAfter(from))
                .sorted(Comparator.comparing(RandomSchedule.Placed::start).thenComparing(RandomSchedule.Placed::id))
                .map(RandomSchedule.Placed::id)
                .toList();
    }
}
