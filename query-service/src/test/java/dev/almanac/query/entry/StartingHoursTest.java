package dev.almanac.query.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.RandomSchedule;
import dev.almanac.query.support.ReadModelFixture;

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

    /** Without kept hours; keeping all of them; and keeping fewer copies than a day holds, so that hours come and go. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1_000_000, 40})
    void anyRangeReadsExactlyTheEntriesOfEveryCalendarThatStartInIt(int keptCopies) {
        StartingHours hours = new StartingHours(database, keptCopies);
        Random random = new Random(5);
        for (int i = 0; i < 160; i++) {
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
    void aKeptHourIsServedOnlyWhileTheStoreHoldsItAtTheRevisionItWasReadAt() {
        MongoDatabase fresh = InMemoryMongo.freshDatabase("starting_hours_kept");
        ReadModelFixture readModels = new ReadModelFixture(fresh, new Projections(fresh, Duration.ofSeconds(30)));
        Instant nine = Instant.parse("2026-03-02T09:00:00Z");
        ItemScheduled item = ReadModelFixture.item("item-a", "cal-a", "meeting", nine, Duration.ofHours(1));
        readModels.given(ReadModelFixture.calendar("cal-a", ZoneOffset.UTC), item);
        StartingHours hours = new StartingHours(fresh, 1_000);
        assertThat(startsBetween(hours, nine, nine.plus(Duration.ofHours(2)))).containsExactly("item-a@" + nine);

        // Changed under the same token, as no writer does: the kept copy is what is served.
        Mono.from(fresh.getCollection(StartingHours.COLLECTION).updateOne(new Document("_id", StartingHour.idOf(nine)),
                new Document("$unset", new Document(StartingHourCodec.ENTRIES, "")))).block(Duration.ofSeconds(5));
        assertThat(startsBetween(hours, nine, nine.plus(Duration.ofHours(2)))).containsExactly("item-a@" + nine);
        assertThat(startsBetween(new StartingHours(fresh), nine, nine.plus(Duration.ofHours(2)))).isEmpty();

        // A real write moves the token on: both hours it touched are read again.
        Instant ten = nine.plus(Duration.ofMinutes(75));
        readModels.given(new ItemRescheduled(item.itemId(), item.calendarId(), item.start(), item.end(), ten,
                ten.plus(Duration.ofHours(1)), "later"));
        assertThat(startsBetween(hours, nine, nine.plus(Duration.ofHours(2)))).containsExactly("item-a@" + ten);
    }

    /** An hour whose entries all moved away still weighs one, so such hours cannot pile up without bound. */
    @Test
    void hoursLeftEmptyCountTowardsTheBound() {
        MongoDatabase fresh = InMemoryMongo.freshDatabase("starting_hours_emptied");
        ReadModelFixture readModels = new ReadModelFixture(fresh, new Projections(fresh, Duration.ofSeconds(30)));
        Instant first = Instant.parse("2026-03-02T00:00:00Z");
        Instant elsewhere = Instant.parse("2026-04-01T00:00:00Z");
        readModels.given(ReadModelFixture.calendar("cal-a", ZoneOffset.UTC));
        for (int hour = 0; hour < 30; hour++) {
            ItemScheduled item = ReadModelFixture.item("item-" + hour, "cal-a", "meeting", first.plus(Duration.ofHours(hour)), Duration.ofMinutes(30));
            readModels.given(item, new ItemRescheduled(item.itemId(), item.calendarId(), item.start(), item.end(), elsewhere,
                    elsewhere.plus(Duration.ofMinutes(30)), "moved"));
        }
        StartingHours hours = new StartingHours(fresh, 10);

        assertThat(startsBetween(hours, first, first.plus(Duration.ofHours(30)))).isEmpty();

        assertThat(hours.keptHours()).isLessThanOrEqualTo(10);
    }

    private static List<String> startsBetween(StartingHours hours, Instant from, Instant till) {
        return hours.startingIn(from, till).map(placed -> placed.copy().id() + "@" + placed.copy().start())
                .collectList().block(Duration.ofSeconds(10));
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
