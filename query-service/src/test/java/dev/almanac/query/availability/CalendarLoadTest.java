package dev.almanac.query.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.almanac.events.TimeRange;
import dev.almanac.query.calendar.CalendarView;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.readmodel.ReadModel;
import dev.almanac.query.readmodel.ReadModelIndexes;
import dev.almanac.platform.testing.CountingMemoryBackend;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.RandomSchedule;

/**
 * The entries availability reads equal the entries where their newest versions put them, through moves, entries longer
 * than a day, duplicates and late redeliveries; and mongo-java-server's own counters show that every read is a key lookup.
 */
class CalendarLoadTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> CALENDARS = List.of("cal-a", "cal-b", "cal-c", "cal-d");
    private static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");

    private static CountingMemoryBackend backend;
    private static MongoServer server;
    private static MongoClient client;
    private static MongoDatabase database;
    private static RandomSchedule schedule;

    @BeforeAll
    static void aRandomHistoryProjected() {
        backend = new CountingMemoryBackend();
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        database = client.getDatabase("availability");
        new ReadModelIndexes(database, Mongo.READ_MODELS.stream().<ReadModel>map(name -> () -> List.of(name)).toList()).ensureAll();
        schedule = RandomSchedule.generate(31L, CALENDARS, YEAR, Duration.ofDays(60), 3_000);
        Projections projections = new Projections(database, TIMEOUT);
        schedule.batches(500).forEach(batch -> projections.apply(batch).block(TIMEOUT));
    }

    @AfterAll
    static void stopTheServer() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void readsEveryEntryOverlappingTheWindowOnceWhereItsNewestVersionIs() {
        CalendarLoad load = new CalendarLoad(database, new Calendars(database));
        for (int week = 0; week < 9; week++) {
            TimeRange window = new TimeRange(YEAR.plus(Duration.ofDays(7L * week)).plusSeconds(3_333),
                    YEAR.plus(Duration.ofDays(7L * week + 7)).plusSeconds(1_111));
            backend.counts().reset();

            Map<String, List<TimeRange>> read = load.load(CALENDARS, window).block(TIMEOUT);

            assertThat(backend.counts().scans("availability", CalendarDays.COLLECTION)).isZero();
            assertThat(backend.counts().lookups("availability", CalendarDays.COLLECTION)).isPositive();
            for (String calendar : CALENDARS) {
                List<TimeRange> expected = schedule.entries().stream()
                        .filter(entry -> entry.calendarId().equals(calendar) && entry.start().isBefore(entry.end()))
                        .map(entry -> new TimeRange(entry.start(), entry.end()))
                        .filter(entry -> entry.overlaps(window))
                        .sorted(ORDER)
                        .toList();
                assertThat(read.get(calendar).stream().sorted(ORDER).toList()).as("%s in %s", calendar, window).isEqualTo(expected);
            }
        }
    }

    @Test
    void findsTheCalendarsOfABatchByKey() {
        backend.counts().reset();

        List<String> found = new Calendars(database).findAll(List.of("cal-b", "cal-missing", "cal-d")).map(CalendarView::id)
                .collect(Collectors.toList()).block(TIMEOUT);

        assertThat(found).containsExactlyInAnyOrder("cal-b", "cal-d");
        assertThat(backend.counts().scans("availability", Calendars.COLLECTION)).isZero();
        assertThat(backend.counts().lookups("availability", Calendars.COLLECTION)).isPositive();
    }

    private static final Comparator<TimeRange> ORDER = Comparator.comparing(TimeRange::start).thenComparing(TimeRange::end);
}
