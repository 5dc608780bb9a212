package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.Test;

import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.occurrence.RuleIndexes;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.support.ReadModelFixture;

/**
 * A kept window found current is served again without a check for the recheck interval, to
 * requests that allow it; a request that does not (one with a consistency token) always reads the
 * revisions, and so does every request once the interval has passed.
 */
class WindowRecheckTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");
    private static final WindowSpec WEEK = new WindowSpec(MONDAY, MONDAY.plus(Duration.ofDays(7)), ZoneId.of("Asia/Kathmandu"), Granularity.DAY);

    @Test
    void servesAKeptWindowUncheckedOnlyWithinTheIntervalAndOnlyToRequestsThatAllowIt() {
        MongoDatabase database = InMemoryMongo.freshDatabase("window_recheck");
        ReadModelFixture readModels = new ReadModelFixture(database, new Projections(database, Duration.ofSeconds(10)));
        readModels.given(ReadModelFixture.calendar("cal-a", ZoneId.of("UTC")),
                ReadModelFixture.item("item-1", "cal-a", "run", MONDAY.plus(Duration.ofHours(9)), Duration.ofHours(1)));
        ScheduleWindows hourly = windows(database, Duration.ofHours(1));
        ScheduleWindows everyTime = windows(database, Duration.ZERO);
        assertThat(totalJobs(hourly, true)).isEqualTo(1);
        assertThat(totalJobs(everyTime, true)).isEqualTo(1);

        readModels.given(ReadModelFixture.item("item-2", "cal-a", "run", MONDAY.plus(Duration.ofHours(30)), Duration.ofHours(1)));

        assertThat(totalJobs(hourly, true)).as("found current less than the interval ago, served unchecked").isEqualTo(1);
        assertThat(totalJobs(hourly, false)).as("a request that must hold its write checks").isEqualTo(2);
        assertThat(totalJobs(hourly, true)).as("the new answer, kept").isEqualTo(2);
        assertThat(totalJobs(everyTime, true)).as("no interval: every request checks").isEqualTo(2);

        ScheduleWindows shortly = windows(database, Duration.ofMillis(50));
        assertThat(totalJobs(shortly, true)).isEqualTo(2);
        readModels.given(ReadModelFixture.item("item-3", "cal-a", "run", MONDAY.plus(Duration.ofHours(50)), Duration.ofHours(1)));
        await().atMost(Duration.ofSeconds(5)).until(() -> totalJobs(shortly, true) == 3);
    }

    private static ScheduleWindows windows(MongoDatabase database, Duration recheck) {
        return new ScheduleWindows(new CalendarDays(database), new WindowDays(database), new WindowRevisions(database),
                new RuleTimelines(new RuleIndexes(database), new Rules(database)), 4, recheck);
    }

    private static long totalJobs(ScheduleWindows windows, boolean recentWillDo) {
        return windows.answer(WEEK, null, CalendarVisibility.EVERY_CALENDAR, recentWillDo).block(Duration.ofSeconds(10)).window().summary().totalJobs();
    }
}
