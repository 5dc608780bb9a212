package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.occurrence.RuleIndexes;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;

/**
 * A kept window whose scope (its calendar, or all calendars) holds the revision it was last found current with is
 * served after one read of that revision, not of its days' (ADR 0064 of 2026-11-26); any write into the
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
                new RuleTimelines(new RuleIndexes(database), new Rules(database)), 8);
    }

    @Test
    void aCalendarsWindowIsCheckedByItsRevisionAloneWhileOnlyOtherCalendarsAreWritten() {
        WindowAnswers.Answer first = answer("cal-a");
        assertThat(checks()).as("computed, not checked").containsExactly(0, 0, 0);

        assertThat(answer("cal-a")).isSameAs(first);
        assertThat(checks()).as("nothing written: the scope's revision alone").containsExactly(1, 0, 0);

        readModels.given(item("b-2", "cal-b", 30));
        assertThat(answer("cal-a")).as("cal-b's write leaves cal-a's days as they were").isSameAs(first);
        assertThat(checks()).containsExactly(2, 0, 0);

        readModels.given(item("a-2", "cal-a", 50));
        WindowAnswers.Answer written = answer("cal-a");
        assertThat(checks()).as("cal-a written: only the days its log gives read again").containsExactly(2, 0, 1);
        assertThat(written.window().summary().totalJobs()).isEqualTo(2);
        assertThat(written.tag()).isNotEqualTo(first.tag());

        assertThat(answer("cal-a")).as("current again, by its revision alone").isSameAs(written);
        assertThat(checks()).containsExactly(3, 0, 1);
    }

    @Test
    void theWindowOverAllCalendarsIsCheckedByItsDaysAfterAWriteToAnyCalendar() {
        WindowAnswers.Answer first = answer(null);
        assertThat(answer(null)).isSameAs(first);
        assertThat(checks()).containsExactly(1, 0, 0);

        readModels.given(item("b-2", "cal-b", 30));

        assertThat(answer(null).window().summary().totalJobs()).isEqualTo(3);
        assertThat(checks()).containsExactly(1, 0, 1);
    }

    /**
     * After a write, the check reads only the days the scope's log gives: here the one day written, and the answer is
     * that of the documents as they stand. A write the answer did not see on a day of the window shows, and one outside
     * the window leaves the answer as it was.
     */
    @Test
    void aWriteIsCheckedByTheDaysItChangedAlone() {
        WindowAnswers.Answer first = answer("cal-a");
        String revision = revision("cal-a");

        readModels.given(item("a-2", "cal-a", 50));
        WindowRevisions.Scope scope = new WindowRevisions(database).scope("cal-a").block(Duration.ofSeconds(5));
        assertThat(scope.daysChangedSince(revision)).contains(Set.of(LocalDate.parse("2026-03-04")));
        assertThat(answer("cal-a").window().summary().totalJobs()).isEqualTo(2);

        readModels.given(item("a-outside", "cal-a", 24 * 40));
        assertThat(answer("cal-a").window()).as("written after the month").isEqualTo(fresh("cal-a").window());
        readModels.given(item("a-3", "cal-a", 24 * 29 + 23));
        WindowAnswers.Answer last = answer("cal-a");
        assertThat(last.window()).isEqualTo(fresh("cal-a").window());
        assertThat(last.window().summary().totalJobs()).isEqualTo(3);
        assertThat(checks()).containsExactly(0, 0, 3);
        assertThat(first.tag()).isNotEqualTo(last.tag());
    }

    /** Once the log no longer holds the kept answer's revision, or a batch meant to change too many days, every day is read. */
    @Test
    void aCheckReadsEveryDayWhenTheLogCannotSayWhatChanged() {
        answer("cal-a");
        for (int write = 0; write <= WindowRevisions.CHANGES_KEPT; write++) {
            readModels.given(item("a-many-" + write, "cal-a", 24 * (write % 28) + 12));
        }
        assertThat(answer("cal-a").window()).isEqualTo(fresh("cal-a").window());
        assertThat(checks()).as("more batches than the log keeps").containsExactly(0, 1, 0);

        List<ReceivedEvent> longBatch = new ArrayList<>();
        for (int day = 0; day <= WindowRevisions.MAX_DAYS_LOGGED; day++) {
            longBatch.add(Received.of(item("a-day-" + day, "cal-a", 24 * day + 3), 0));
        }
        new Projections(database, Duration.ofSeconds(10)).apply(longBatch).block(Duration.ofSeconds(10));
        assertThat(new WindowRevisions(database).scope("cal-a").block(Duration.ofSeconds(5)).changes()).last()
                .extracting(WindowRevisions.Change::days).as("too many days to log").isNull();
        assertThat(answer("cal-a").window()).isEqualTo(fresh("cal-a").window());
        assertThat(checks()).containsExactly(0, 2, 0);
        assertThat(new WindowRevisions(database).scope("cal-a").block(Duration.ofSeconds(5)).changes())
                .hasSize(WindowRevisions.CHANGES_KEPT);
    }

    @Test
    void aScopeWithoutARevisionIsCheckedByItsDaysEveryTime() {
        WindowAnswers.Answer first = answer("cal-a");
        Mono.from(database.getCollection(WindowRevisions.COLLECTION).drop()).block(Duration.ofSeconds(5));

        assertThat(answer("cal-a")).isSameAs(first);
        assertThat(answer("cal-a")).isSameAs(first);

        assertThat(checks()).as("read models written before the revisions were: every check reads the days").containsExactly(0, 2, 0);
    }

    @Test
    void aNewRuleChangesNoDayButMakesTheWindowCountItsOccurrences() {
        WindowAnswers.Answer first = answer("cal-a");

        readModels.given(RecurringRules.rule("rule-hourly", "cal-a", "0 * * * *", ZoneId.of("Asia/Kathmandu"), MONDAY, 0));

        WindowAnswers.Answer after = answer("cal-a");
        assertThat(checks()).as("the scope unchanged, the rule index not").containsExactly(0, 0, 1);
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

    /** Checks by the scope's revision alone, by every day's revision, and by the revisions of the days the log gave. */
    private long[] checks() {
        return windows.checks();
    }

    /** The window computed afresh from the documents as they stand. */
    private WindowAnswers.Answer fresh(@Nullable String queue) {
        return new ScheduleWindows(new CalendarDays(database), new WindowDays(database), new WindowRevisions(database),
                new RuleTimelines(new RuleIndexes(database), new Rules(database)), 0)
                .answer(MONTH, queue, CalendarVisibility.EVERY_CALENDAR, false).block(Duration.ofSeconds(10));
    }

    private String revision(String scope) {
        return new WindowRevisions(database).scope(scope).block(Duration.ofSeconds(5)).revision();
    }

    private static AlmanacEvent item(String id, String calendarId, int hoursAfterMonday) {
        return ReadModelFixture.item(id, calendarId, "run", MONDAY.plus(Duration.ofHours(hoursAfterMonday)), Duration.ofHours(1));
    }
}
