package dev.almanac.commands.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.support.InMemoryCalendars;
import dev.almanac.events.EntryKind;
import dev.almanac.events.Tenant;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.UngrantedCalendars;
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
    private static final CalendarId ACMES = CalendarId.of("acme:jobs");
    private static final CalendarId GLOBEXS = CalendarId.of("globex:jobs");
    private static final Map<String, Object> ACME_CALLER = new CommandMetadata("acme:alan", false, UngrantedCalendars.CLOSED, null,
            null, Tenant.of("acme"), false).asMap();

    private FixtureConfiguration<Run> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    /** A fixture of its own for each run's id: Axon's holds one aggregate's id from its first command on. */
    private static FixtureConfiguration<Run> newFixture() {
        FixtureConfiguration<Run> fixture = new AggregateTestFixture<>(Run.class);
        // Two tenants' job calendars beside the single-tenant one (ADR 0102).
        fixture.registerInjectableResource(new InMemoryCalendars(id -> List.of(JOBS, ACMES, GLOBEXS).contains(id)
                ? Optional.of(new CalendarTerms(id, ZoneId.of("UTC"), 10, OverbookingPolicy.ALLOW,
                        ItemDurations.defaultsFor(CalendarType.QUEUE), true, 0))
                : Optional.empty()));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        return fixture;
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

    /**
     * ADR 0102 in multi-tenant mode: another tenant's calendar is answered word for word as an unknown one, a chosen run id
     * and an item's or rule's entry id of another tenant are refused on the report alone, and a run of another tenant's
     * calendar that a derived id reaches tells nothing of itself.
     */
    @Test
    void aTenantsReportNamesOnlyItsOwnTenantsIds() {
        RunId derived = RunId.of(EntryKind.OCCURRENCE, "occ-1", 1);

        CommandRejectedException unknown = refusal(new ReportRun(derived, CalendarId.of("acme:nowhere"), EntryKind.OCCURRENCE, "occ-1",
                1, RunStatus.STARTED, STARTED, null, null));
        CommandRejectedException hidden = refusal(new ReportRun(derived, GLOBEXS, EntryKind.OCCURRENCE, "occ-1", 1,
                RunStatus.STARTED, STARTED, null, null));
        assertThat(hidden.reason()).isEqualTo(unknown.reason()).isEqualTo(CommandRejectedException.Reason.UNKNOWN_REFERENCE);
        assertThat(hidden.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("calendar_id");
            assertThat(violation.rule()).isEqualTo("exists");
            assertThat(violation.message()).isEqualTo(unknown.violations().get(0).message().replace("acme:nowhere", "globex:jobs"));
        });

        assertThat(refusal(new ReportRun(RunId.of("globex:run-1"), ACMES, EntryKind.OCCURRENCE, "occ-1", 1, RunStatus.STARTED,
                STARTED, null, null)).violations()).singleElement()
                .satisfies(violation -> assertThat(List.of(violation.field(), violation.rule())).containsExactly("run_id", "tenant"));
        assertThat(refusal(new ReportRun(RunId.of(EntryKind.ITEM, "globex:item-1", 1), ACMES, EntryKind.ITEM, "globex:item-1", 1,
                RunStatus.STARTED, STARTED, null, null)).violations()).singleElement()
                .satisfies(violation -> assertThat(List.of(violation.field(), violation.rule())).containsExactly("entry_id", "tenant"));

        newFixture().given(new RunStarted(derived, GLOBEXS, EntryKind.OCCURRENCE, "occ-1", 1, STARTED, "worker-7"))
                .when(new ReportRun(derived, ACMES, EntryKind.OCCURRENCE, "occ-1", 1, RunStatus.SUCCEEDED, FINISHED, null, null),
                        ACME_CALLER)
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.violations().get(0).rule().equals("same_run") && !rejected.getMessage().contains("globex")));

        newFixture().givenNoPriorActivity()
                .when(new ReportRun(RunId.of("acme:run-1"), ACMES, EntryKind.ITEM, "acme:item-1", 1, RunStatus.STARTED, STARTED, null,
                        null), ACME_CALLER)
                .expectSuccessfulHandlerExecution();
    }

    private CommandRejectedException refusal(ReportRun report) {
        Throwable[] refused = new Throwable[1];
        newFixture().givenNoPriorActivity().when(report, ACME_CALLER).expectNoEvents()
                .expectException(Matchers.<Throwable>predicate(failure -> (refused[0] = failure) instanceof CommandRejectedException));
        return (CommandRejectedException) refused[0];
    }
}
