package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.horizon.BeyondHorizon;
import dev.almanac.query.horizon.RuleIndexes;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RecurringRules;

/**
 * A kept window whose scope (its calendar, or all calendars) holds the revision it was last found current with is
 * served after one read of that revision, not of its days' (ADR 0035 addendum of 2026-11-26); any write into the
 * scope, and any change of the rule index, makes the check read the days again, and the answer is then that of the
 * documents as they stand.
 */
class WindowScopeRevisionTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");
    private static final WindowSpec MONTH = new WindowSpec(MONDAY, MONDAY.plus(Duration.ofDays(30)), ZoneId.of("Asia/Kathmandu"),
            Granularity.DAY);

    private MongoDatabase database;
    private ReadModelFixture readModels;
    private ScheduleWindows windows;

    @BeforeEach
    void given() {
        database = InMemoryMongo.freshDatabase("window_scope_revision");
        readModels = new ReadModelFixture(database, new Projections(database, Duration.ofSeconds(10)));
        readModels.given(ReadModelFixture.calendar("cal-a", ZoneId.of("UTC")), ReadModelFixture.calendar("cal-b", ZoneId.of("UTC")),
                item("a-1", "cal-a", 9), item("b-1", "cal-b", 10));
        windows = new ScheduleWindows(new CalendarDays(database), new WindowDays(database), new WindowRevisions(database),
                new BeyondHorizon(new RuleIndexes(database), new Rules(database)), 8);
    }

    @Test
    void aCalendarsWindowIsCheckedByItsRevisionAloneWhileOnlyOtherCalendarsAreWritten() {
        WindowAnswers.Answer first = answer("cal-a");
        assertThat(checks()).as("computed, not checked").containsExactly(0, 0);

        assertThat(answer("cal-a")).isSameAs(first);
        assertThat(checks()).as("nothing written: the scope's revision alone").containsExactly(1, 0);

        readModels.given(item("b-2", "cal-b", 30));
        assertThat(answer("cal-a")).as("cal-b's write leaves cal-a's days as they were").isSameAs(first);
        assertThat(checks()).containsExactly(2, 0);

        readModels.given(item("a-2", "cal-a", 50));
        WindowAnswers.Answer written = answer("cal-a");
        assertThat(checks()).as("cal-a written: its days read again").containsExactly(2, 1);
        assertThat(written.window().summary().totalJobs()).isEqualTo(2);
        assertThat(written.tag()).isNotEqualTo(first.tag());

        assertThat(answer("cal-a")).as("current again, by its revision alone").isSameAs(written);
        assertThat(checks()).containsExactly(3, 1);
    }

    @Test
    void theWindowOverAllCalendarsIsCheckedByItsDaysAfterAWriteToAnyCalendar() {
        WindowAnswers.Answer first = answer(null);
        assertThat(answer(null)).isSameAs(first);
        assertThat(checks()).containsExactly(1, 0);

        readModels.given(item("b-2", "cal-b", 30));

        assertThat(answer(null).window().summary().totalJobs()).isEqualTo(3);
        assertThat(checks()).containsExactly(1, 1);
    }

    @Test
    void aScopeWithoutARevisionIsCheckedByItsDaysEveryTime() {
        WindowAnswers.Answer first = answer("cal-a");
        Mono.from(database.getCollection(WindowRevisions.COLLECTION).drop()).block(Duration.ofSeconds(5));

        assertThat(answer("cal-a")).isSameAs(first);
        assertThat(answer("cal-a")).isSameAs(first);

        assertThat(checks()).as("read models written before the revisions were: every check reads the days").containsExactly(0, 2);
    }

    @Test
    void aNewRuleChangesNoDayButMakesTheWindowCountItsOccurrences() {
        WindowAnswers.Answer first = answer("cal-a");

        readModels.given(RecurringRules.rule("rule-hourly", "cal-a", "0 * * * *", ZoneId.of("Asia/Kathmandu"), MONDAY, 0));

        WindowAnswers.Answer after = answer("cal-a");
        assertThat(checks()).as("the scope unchanged, the rule index not").containsExactly(0, 1);
        assertThat(after.window().summary().totalJobs()).isEqualTo(first.window().summary().totalJobs() + 30 * 24);
    }

    @Test
    void theProjectionGivesANewRevisionToAllCalendarsAndToEachCalendarItWrites() {
        String all = revision(WindowRevisions.ALL);
        String a = revision("cal-a");
        String b = revision("cal-b");
        assertThat(all).isNotEmpty();
        assertThat(a).isNotEmpty();

        readModels.given(item("b-2", "cal-b", 30));

        assertThat(revision(WindowRevisions.ALL)).isNotEqualTo(all);
        assertThat(revision("cal-b")).isNotEqualTo(b);
        assertThat(revision("cal-a")).as("not written").isEqualTo(a);
        assertThat(Mongo.all(database, WindowRevisions.COLLECTION)).extracting(document -> document.getString("_id"))
                .containsExactly(WindowRevisions.ALL, "cal-a", "cal-b");
    }

    private WindowAnswers.Answer answer(@Nullable String queue) {
        return windows.answer(MONTH, queue, CalendarVisibility.EVERY_CALENDAR, false).block(Duration.ofSeconds(10));
    }

    /** Checks by the scope's revision alone, and by the days' revisions. */
    private long[] checks() {
        return windows.checks();
    }

    private String revision(String scope) {
        return new WindowRevisions(database).revision(scope).block(Duration.ofSeconds(5));
    }

    private static AlmanacEvent item(String id, String calendarId, int hoursAfterMonday) {
        return ReadModelFixture.item(id, calendarId, "run", MONDAY.plus(Duration.ofHours(hoursAfterMonday)), Duration.ofHours(1));
    }
}
