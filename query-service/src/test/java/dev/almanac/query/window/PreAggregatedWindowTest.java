package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.occurrence.RuleIndexes;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.support.RandomSchedule;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;

/**
 * The window read from pre-aggregated slots equals the window counted entry by entry, for any
 * window: edges off the quarter-hour, every granularity, zones with half- and quarter-hour
 * offsets and their transitions, one calendar or all, and a zone whose 1970 offset
 * (Africa/Monrovia, -00:44:30) cuts slots in two.
 */
class PreAggregatedWindowTest {

    private static final List<String> CALENDARS = List.of("cal-a", "cal.b", "cal-c");
    private static final Instant FROM = Instant.parse("2025-10-20T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(24);
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"), ZoneId.of("Europe/London"),
            ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Pacific/Chatham"),
            ZoneId.of("America/Santiago"));

    private static RandomSchedule schedule;
    private static ScheduleWindows windows;
    private static RandomSchedule monrovia;
    private static ScheduleWindows monroviaWindows;

    @BeforeAll
    static void projectRandomSchedulesInRandomBatches() {
        schedule = RandomSchedule.generate(20261122L, CALENDARS, FROM, SPAN, 600);
        windows = projected(schedule, "pre_aggregated_window");
        monrovia = RandomSchedule.generate(1970L, List.of("cal-a"), Instant.parse("1969-12-30T00:00:00Z"), Duration.ofDays(3), 80,
                // Monrovia's local hours and days start at :44:30 UTC, inside the slot from :30 to :45.
                List.of(Instant.parse("1969-12-31T00:44:29Z"), Instant.parse("1969-12-31T00:44:30Z"),
                        Instant.parse("1969-12-31T00:44:59.999Z"), Instant.parse("1970-01-01T10:30:00Z"),
                        Instant.parse("1970-01-01T10:44:30Z")));
        monroviaWindows = projected(monrovia, "pre_aggregated_1970");
    }

    private static ScheduleWindows projected(RandomSchedule history, String databaseName) {
        MongoDatabase database = InMemoryMongo.freshDatabase(databaseName);
        Projections projections = new Projections(database, Duration.ofSeconds(30));
        for (List<ReceivedEvent> batch : history.batches(40)) {
            projections.apply(batch).block(Duration.ofSeconds(30));
        }
        return new ScheduleWindows(new CalendarDays(database), new WindowDays(database), new WindowRevisions(database), new RuleTimelines(new RuleIndexes(database), new Rules(database)), 0);
    }

    @Test
    void everyRandomWindowMatchesCountingEachEntry() {
        Random random = new Random(7);
        for (int i = 0; i < 120; i++) {
            Instant from = FROM.minus(Duration.ofDays(1)).plusSeconds(random.nextInt((int) SPAN.plusDays(1).toSeconds()))
                    .plusMillis(random.nextInt(1000));
            Instant till = from.plusSeconds(1 + random.nextInt((int) Duration.ofDays(random.nextBoolean() ? 2 : 20).toSeconds()));
            if (random.nextInt(4) == 0) {
                from = Instant.ofEpochSecond(from.getEpochSecond() / 3600 * 3600);
                till = Instant.ofEpochSecond(till.getEpochSecond() / 3600 * 3600 + 3600);
            }
            WindowSpec spec = new WindowSpec(from, till, ZONES.get(random.nextInt(ZONES.size())),
                    Granularity.values()[random.nextInt(Granularity.values().length)]);
            String queue = random.nextInt(3) == 0 ? null : CALENDARS.get(random.nextInt(CALENDARS.size()));

            assertThat(windows.window(spec, queue).block(Duration.ofSeconds(10))).as("%s on %s", spec, queue)
                    .isEqualTo(countedOneByOne(schedule, spec, queue));
        }
    }

    @Test
    void slotsCutByAnOffsetThatIsNoMultipleOfAQuarterHourAreCountedEntryByEntry() {
        for (Granularity granularity : Granularity.values()) {
            WindowSpec spec = new WindowSpec(Instant.parse("1969-12-30T00:00:00Z"), Instant.parse("1970-01-02T00:00:00Z"),
                    ZoneId.of("Africa/Monrovia"), granularity);

            ScheduleWindow window = monroviaWindows.window(spec, null).block(Duration.ofSeconds(10));

            assertThat(window).as("%s", granularity).isEqualTo(countedOneByOne(monrovia, spec, null));
            assertThat(window.summary().totalJobs()).isEqualTo(85);
        }
    }

    @Test
    void aYearLongWindowOverEveryCalendarMatchesToo() {
        WindowSpec spec = new WindowSpec(Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"),
                ZoneId.of("Asia/Kolkata"), Granularity.DAY);

        assertThat(windows.window(spec, null).block(Duration.ofSeconds(10))).isEqualTo(countedOneByOne(schedule, spec, null));
    }

    @Test
    void aCancelledItemLeavesTheWindowOnceHoweverOftenItsEventsArrive() {
        MongoDatabase database = InMemoryMongo.freshDatabase("window_cancel");
        Projections projections = new Projections(database, Duration.ofSeconds(30));
        ScheduleWindows fresh = new ScheduleWindows(new CalendarDays(database), new WindowDays(database), new WindowRevisions(database), new RuleTimelines(new RuleIndexes(database), new Rules(database)), 0);
        Instant nine = Instant.parse("2026-02-02T09:00:00Z");
        ReceivedEvent staying = Received.of(ReadModelFixture.item("staying", "cal-a", "job", nine, Duration.ofHours(1)), 0);
        ReceivedEvent scheduled = Received.of(ReadModelFixture.item("leaving", "cal-a", "job", nine, Duration.ofHours(1)), 0);
        ReceivedEvent confirmed = Received.of(new ItemConfirmed(ItemId.of("leaving"), CalendarId.of("cal-a"), nine,
                nine.plus(Duration.ofHours(1))), 1);
        ReceivedEvent cancelled = Received.of(new ItemCancelled(ItemId.of("leaving"), CalendarId.of("cal-a"), nine,
                nine.plus(Duration.ofHours(1)), "no longer needed"), 2);
        WindowSpec spec = new WindowSpec(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-02-08T00:00:00Z"),
                ZoneId.of("Europe/Paris"), Granularity.DAY);
        projections.apply(List.of(staying, scheduled, confirmed)).block(Duration.ofSeconds(10));
        assertThat(fresh.window(spec, null).block(Duration.ofSeconds(10)).summary().totalJobs()).isEqualTo(2);

        projections.apply(List.of(cancelled)).block(Duration.ofSeconds(10));
        projections.apply(List.of(cancelled, scheduled, confirmed, cancelled)).block(Duration.ofSeconds(10));
        projections.apply(List.of(scheduled)).block(Duration.ofSeconds(10));

        assertThat(fresh.window(spec, null).block(Duration.ofSeconds(10)).summary().totalJobs()).isEqualTo(1);
        assertThat(fresh.window(spec, "cal-a").block(Duration.ofSeconds(10)).summary().totalJobs()).isEqualTo(1);
    }

    @Test
    void aKeptAnswerIsServedOnlyWhileNoDocumentItWasReadFromHasChanged() {
        MongoDatabase database = InMemoryMongo.freshDatabase("window_answers");
        Projections projections = new Projections(database, Duration.ofSeconds(30));
        ScheduleWindows cached = new ScheduleWindows(new CalendarDays(database), new WindowDays(database), new WindowRevisions(database), new RuleTimelines(new RuleIndexes(database), new Rules(database)), 4);
        Instant nine = Instant.parse("2026-02-02T09:00:00Z");
        projections.apply(Received.of(ReadModelFixture.item("kept-1", "cal-a", "job", nine, Duration.ofHours(1)), 0)).block(Duration.ofSeconds(10));
        WindowSpec spec = new WindowSpec(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-02-08T00:00:00Z").plusSeconds(1),
                ZoneId.of("Europe/Paris"), Granularity.DAY);
        ScheduleWindow first = cached.window(spec, null).block(Duration.ofSeconds(10));

        assertThat(cached.window(spec, null).block(Duration.ofSeconds(10))).isSameAs(first);

        projections.apply(Received.of(ReadModelFixture.item("kept-2", "cal-b", "job", nine.plus(Duration.ofDays(3)), Duration.ofHours(1)), 0))
                .block(Duration.ofSeconds(10));
        ScheduleWindow second = cached.window(spec, null).block(Duration.ofSeconds(10));
        assertThat(second.summary().totalJobs()).isEqualTo(2);

        projections.apply(Received.of(new ItemRescheduled(ItemId.of("kept-1"), CalendarId.of("cal-a"), nine, nine.plus(Duration.ofHours(1)),
                nine.plus(Duration.ofDays(30)), nine.plus(Duration.ofDays(30)).plus(Duration.ofHours(1)), "out of the window"), 1))
                .block(Duration.ofSeconds(10));
        assertThat(cached.window(spec, null).block(Duration.ofSeconds(10)).summary().totalJobs()).isEqualTo(1);
        assertThat(cached.window(spec, "cal-b").block(Duration.ofSeconds(10)).summary().totalJobs()).isEqualTo(1);
        projections.apply(Received.of(ReadModelFixture.item("kept-3", "cal-b", "job", Instant.parse("2026-02-08T00:00:00Z"), Duration.ofHours(1)), 0))
                .block(Duration.ofSeconds(10));
        assertThat(cached.window(spec, "cal-b").block(Duration.ofSeconds(10)).summary().totalJobs()).isEqualTo(2);
    }

    private static ScheduleWindow countedOneByOne(RandomSchedule history, WindowSpec spec, String queue) {
        BucketGrid grid = BucketGrid.over(spec);
        List<RandomSchedule.Placed> entries = new ArrayList<>(history.entries());
        for (RandomSchedule.Placed entry : entries) {
            if (queue == null || queue.equals(entry.calendarId())) {
                grid.add(entry.timing());
            }
        }
        return grid.toScheduleWindow();
    }
}
