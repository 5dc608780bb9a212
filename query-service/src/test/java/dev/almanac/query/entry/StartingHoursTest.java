package dev.almanac.query.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.RandomSchedule;

/**
 * The starting hours hold, over all calendars, exactly the entries that start in them, once, at
 * their latest start: after a seeded random history of moves, long and zero-length
 * entries, ids with dots, duplicates and late versions, projected in random batches.
 */
class StartingHoursTest {

    private static final List<String> CALENDARS = List.of("cal-a", "cal.b", "cal-c");
    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(20);

    private static RandomSchedule schedule;
    private static MongoDatabase database;

    @BeforeAll
    static void projectARandomScheduleInRandomBatches() {
        database = InMemoryMongo.freshDatabase("starting_hours");
        Projections projections = new Projections(database, Duration.ofSeconds(30));
        schedule = RandomSchedule.generate(7L, CALENDARS, FROM, SPAN, 700);
        for (List<ReceivedEvent> batch : schedule.batches(60)) {
            projections.apply(batch).block(Duration.ofSeconds(30));
        }
    }

    @Test
    void anyRangeReadsExactlyTheEntriesOfEveryCalendarThatStartInIt() {
        StartingHours hours = new StartingHours(database);
        Random random = new Random(5);
        for (int i = 0; i < 80; i++) {
            Instant from = FROM.minus(Duration.ofDays(1)).plusSeconds(random.nextInt((int) SPAN.plusDays(2).toSeconds()))
                    .plusMillis(random.nextInt(1000));
            Instant till = from.plusSeconds(1 + random.nextInt((int) Duration.ofHours(random.nextBoolean() ? 2 : 26).toSeconds()));

            List<String> read = hours.startingIn(from, till)
                    .map(placed -> placed.calendarId() + "/" + placed.copy().id() + "@" + placed.copy().start())
                    .collectList().block(Duration.ofSeconds(10));
            assertThat(read).as("%s..%s", from, till).containsExactlyInAnyOrderElementsOf(schedule.entries().stream()
                    .filter(entry -> !entry.start().isBefore(from) && entry.start().isBefore(till))
                    .map(entry -> entry.calendarId() + "/" + entry.id() + "@" + entry.start())
                    .toList());
        }
    }

    @Test
    void everyHourHoldsOnlyEntriesThatStartInIt() {
        StartingHourCodec codec = new StartingHourCodec();
        List<Document> documents = Mongo.all(database, StartingHours.COLLECTION);
        assertThat(documents).isNotEmpty();
        documents.forEach(document -> {
            StartingHour hour = codec.decode(document);
            hour.entries().present().values().forEach(placed ->
                    assertThat(StartingHour.idOf(placed.copy().start())).as(placed.copy().id()).isEqualTo(hour.id()));
        });
    }
}
