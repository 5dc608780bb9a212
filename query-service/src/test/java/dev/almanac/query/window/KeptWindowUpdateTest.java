package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.occurrence.RuleIndexes;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.support.RandomSchedule;

/**
 * A kept window that writes change is brought up to date by the days they changed (ADR 0064
 * addendum), and then answers exactly as a window computed from the same documents: after every
 * batch of a random history (moves, cancellations, redeliveries), over all calendars and over one,
 * by hour, day and week, in zones with half- and quarter-hour offsets and DST. A window whose edges
 * cut slots is computed again when a day with a cut slot changes, and is as exact. A window of one calendar after a
 * batch of other calendars only is found current by its calendar's revision alone, and is as exact.
 */
class KeptWindowUpdateTest {

    private static final List<String> CALENDARS = List.of("cal-a", "cal.b", "cal-c");
    private static final Instant FROM = Instant.parse("2025-10-20T00:00:00Z");

    private static final WindowSpec CUT = new WindowSpec(FROM.plusSeconds(7 * 3600 + 7 * 60 + 7),
            FROM.plus(Duration.ofDays(20)).plusSeconds(3 * 60), ZoneId.of("Europe/London"), Granularity.HOUR);
    /** Items of cal-a in the slots the edges of {@link #CUT} split, on either side of each edge. */
    private static final List<Instant> IN_CUT_SLOTS = List.of(FROM.plusSeconds(7 * 3600 + 60), FROM.plusSeconds(7 * 3600 + 10 * 60),
            FROM.plus(Duration.ofDays(20)).plusSeconds(60), FROM.plus(Duration.ofDays(20)).plusSeconds(5 * 60));

    private record Asked(WindowSpec spec, @Nullable String queue) {
    }

    private static final List<Asked> WINDOWS = List.of(
            new Asked(new WindowSpec(Instant.parse("2025-03-01T18:30:00Z"), Instant.parse("2026-03-01T18:30:00Z"),
                    ZoneId.of("Asia/Kolkata"), Granularity.DAY), null),
            new Asked(new WindowSpec(FROM, FROM.plus(Duration.ofDays(24)), ZoneId.of("America/New_York"), Granularity.HOUR), "cal-a"),
            new Asked(new WindowSpec(FROM, FROM.plus(Duration.ofDays(24)), ZoneId.of("Asia/Kathmandu"), Granularity.WEEK), null),
            new Asked(new WindowSpec(FROM.minus(Duration.ofDays(3)), FROM.plus(Duration.ofDays(40)), ZoneId.of("Australia/Lord_Howe"),
                    Granularity.DAY), "cal.b"),
            // Edges off the quarter-hour: the first and last days have split slots.
            new Asked(CUT, null),
            new Asked(CUT, "cal-a"));

    @Test
    void aKeptWindowUpdatedByTheDaysThatChangedEqualsOneComputedFromTheSameDocuments() {
        RandomSchedule history = RandomSchedule.generate(20261125L, CALENDARS, FROM, Duration.ofDays(24), 500, IN_CUT_SLOTS);
        MongoDatabase database = InMemoryMongo.freshDatabase("kept_window_update");
        Projections projections = new Projections(database, Duration.ofSeconds(30));
        ScheduleWindows kept = windows(database, 8);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        kept.bindTo(meters);
        List<List<ReceivedEvent>> batches = history.batches(12);

        for (List<ReceivedEvent> batch : batches) {
            projections.apply(batch).block(Duration.ofSeconds(30));
            ScheduleWindows computed = windows(database, 8);
            for (Asked asked : WINDOWS) {
                WindowAnswers.Answer answer = kept.answer(asked.spec(), asked.queue(), CalendarVisibility.EVERY_CALENDAR, false).block(Duration.ofSeconds(10));
                WindowAnswers.Answer fresh = computed.answer(asked.spec(), asked.queue(), CalendarVisibility.EVERY_CALENDAR, false).block(Duration.ofSeconds(10));

                assertThat(answer.window()).as("%s on %s", asked.spec(), asked.queue()).isEqualTo(fresh.window());
                assertThat(answer.tag()).as("the tag a computation gives").isEqualTo(fresh.tag());
            }
        }

        assertThat(kept.updates()).as("answers updated rather than computed again").isGreaterThan(batches.size());
        assertThat(kept.checks()[0]).as("one calendar's windows checked by its revision alone after batches of other calendars")
                .isPositive();
        assertThat(kept.checks()[2]).as("checked by the days their scope's log gave").isPositive();
        assertThat(answers(meters, "updated")).isEqualTo((double) kept.updates());
        assertThat(answers(meters, "computed")).as("the first of each window, and the cut one's edges")
                .isBetween((double) WINDOWS.size(), (double) WINDOWS.size() * batches.size() - kept.updates());
        for (Asked asked : WINDOWS) {
            assertThat(kept.window(asked.spec(), asked.queue()).block(Duration.ofSeconds(10)))
                    .isEqualTo(countedOneByOne(history, asked.spec(), asked.queue()));
        }
    }

    @Test
    void aWindowWithoutKeptAnswersIsNeverUpdated() {
        RandomSchedule history = RandomSchedule.generate(7L, CALENDARS, FROM, Duration.ofDays(24), 60);
        MongoDatabase database = InMemoryMongo.freshDatabase("kept_window_none");
        Projections projections = new Projections(database, Duration.ofSeconds(30));
        ScheduleWindows uncached = windows(database, 0);
        Asked year = WINDOWS.get(0);

        for (List<ReceivedEvent> batch : history.batches(10)) {
            projections.apply(batch).block(Duration.ofSeconds(30));
            uncached.window(year.spec(), year.queue()).block(Duration.ofSeconds(10));
        }

        assertThat(uncached.updates()).isZero();
        assertThat(uncached.window(year.spec(), year.queue()).block(Duration.ofSeconds(10)))
                .isEqualTo(countedOneByOne(history, year.spec(), year.queue()));
    }

    private static double answers(SimpleMeterRegistry meters, String how) {
        return meters.get("almanac.query.window.answers").tag("how", how).functionCounter().count();
    }

    private static ScheduleWindows windows(MongoDatabase database, int cacheSize) {
        return new ScheduleWindows(new CalendarDays(database), new WindowDays(database), new WindowRevisions(database),
                new RuleTimelines(new RuleIndexes(database), new Rules(database)), cacheSize);
    }

    private static ScheduleWindow countedOneByOne(RandomSchedule history, WindowSpec spec, @Nullable String queue) {
        BucketGrid grid = BucketGrid.over(spec);
        for (RandomSchedule.Placed entry : history.entries()) {
            if (queue == null || queue.equals(entry.calendarId())) {
                grid.add(entry.timing());
            }
        }
        return grid.toScheduleWindow();
    }
}
