package dev.almanac.commands.run;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.support.InMemoryCalendars;
import dev.almanac.events.EntryKind;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunId;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;

class RunTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant STARTED = Instant.parse("2026-12-01T07:00:02Z");
    private static final Instant FINISHED = Instant.parse("2026-12-01T07:04:40Z");
    private static final CalendarId JOBS = CalendarId.of("cal-jobs");
    private static final RunId RUN = RunId.of("run-1");

    private FixtureConfiguration<Run> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Run.class);
        fixture.registerInjectableResource(new InMemoryCalendars(id -> id.equals(JOBS)
                ? Optional.of(new CalendarTerms(JOBS, ZoneId.of("UTC"), 10, OverbookingPolicy.ALLOW,
                        ItemDurations.defaultsFor(CalendarType.QUEUE), true, 0))
                : Optional.empty()));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ReportRun report(RunStatus status, Instant at) {
        return new ReportRun(RUN, JOBS, EntryKind.OCCURRENCE, "occ-1", 1, status, at, "worker-7", "details");
    }

    private static RunStarted started() {
        return new RunStarted(RUN, JOBS, EntryKind.OCCURRENCE, "occ-1", 1, STARTED, "worker-7");
    }

    @Test
    void aFirstReportStartsTheRunWithoutItsMessage() {
        fixture.givenNoPriorActivity()
                .when(report(RunStatus.STARTED, STARTED))
                .expectEvents(started())
                .expectResultMessagePayload(0L);
    }

    @Test
    void aStartedRunSucceeds() {
        fixture.given(started())
                .when(report(RunStatus.SUCCEEDED, FINISHED))
                .expectEvents(new RunSucceeded(RUN, JOBS, EntryKind.OCCURRENCE, "occ-1", 1, FINISHED, "worker-7", "details"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void aRunNeverReportedStartedMayFailAtOnce() {
        fixture.givenNoPriorActivity()
                .when(report(RunStatus.FAILED, FINISHED))
                .expectEvents(new RunFailed(RUN, JOBS, EntryKind.OCCURRENCE, "occ-1", 1, FINISHED, "worker-7", "details"));
    }

    @Test
    void repeatingWhatIsRecordedChangesNothing() {
        fixture.given(started(), new RunSucceeded(RUN, JOBS, EntryKind.OCCURRENCE, "occ-1", 1, FINISHED, "worker-7", null))
                .when(report(RunStatus.SUCCEEDED, FINISHED))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void aFinishedRunTakesNoOtherOutcome() {
        fixture.given(started(), new RunSucceeded(RUN, JOBS, EntryKind.OCCURRENCE, "occ-1", 1, FINISHED, "worker-7", null))
                .when(report(RunStatus.FAILED, FINISHED))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.violations().get(0).rule().equals("finished")));
    }

    @Test
    void aRunCannotFinishBeforeItStarted() {
        fixture.given(started())
                .when(report(RunStatus.SUCCEEDED, STARTED.minusSeconds(1)))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.violations().get(0).rule().equals("order")));
    }

    @Test
    void everyReportOfARunNamesTheSameEntryAndAttempt() {
        fixture.given(started())
                .when(new ReportRun(RUN, JOBS, EntryKind.OCCURRENCE, "occ-2", 1, RunStatus.SUCCEEDED, FINISHED, null, null))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.violations().get(0).rule().equals("same_run")));
    }

    @Test
    void aReportFromTheFutureBeyondTheSkewIsRefused() {
        fixture.givenNoPriorActivity()
                .when(report(RunStatus.STARTED, NOW.plus(Run.CLOCK_SKEW).plusSeconds(1)))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.violations().get(0).rule().equals("future")));
    }

    @Test
    void aRunOnAnUnknownCalendarIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ReportRun(RUN, CalendarId.of("cal-nowhere"), EntryKind.ITEM, "item-1", 1, RunStatus.STARTED, STARTED, null, null))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.reason() == CommandRejectedException.Reason.UNKNOWN_REFERENCE));
    }
}
