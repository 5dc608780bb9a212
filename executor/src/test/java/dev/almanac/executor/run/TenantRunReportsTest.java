package dev.almanac.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.run.RunEvent;
import dev.almanac.platform.kafka.EventPublisher;

/**
 * The executor needs no tenancy of its own (ADR 0102): it notifies no one and its one endpoint, the demo receiver, is
 * authenticated by the request's signature and names nothing of a tenant; what it reports of a dispatch is keyed by,
 * and names, the dispatch's own calendar, so a tenant's run can reach no other tenant's calendar.
 */
class TenantRunReportsTest {

    private final List<AlmanacEvent> reported = new CopyOnWriteArrayList<>();
    private final EventPublisher publisher = (metadata, event) -> {
        reported.add(event);
        return CompletableFuture.completedFuture(null);
    };

    @Test
    void aDispatchOfATenantsCalendarIsReportedOnThatCalendarAndNoOther() {
        CalendarId globex = CalendarId.of("globex:ops");
        RuleId nightly = RuleId.of("globex:nightly");
        Instant start = Instant.parse("2026-12-02T07:30:00Z");
        OccurrenceDue due = new OccurrenceDue(OccurrenceId.of(nightly, start), nightly, 1, globex, "Nightly cleanup", start, start, 1,
                DispatchTrigger.SCHEDULED, new JobTemplate("maintenance_job", Map.of(), 5, 600), start, null, null);
        EventMetadata dispatch = new EventMetadata("evt-dispatch", "dev.almanac.dispatch.OccurrenceDue.v1", "/almanac/dispatcher", start,
                globex.value(), 1, "dispatcher", "corr-1", null);
        RunReporter reporter = new RunReporter(publisher, "executor-1");

        reporter.started(due, dispatch, start).join();
        reporter.finished(due, dispatch, true, start.plusSeconds(3), "ok").join();
        reporter.alive(nightly, globex, start).join();

        assertThat(reported).hasSize(3).allSatisfy(event -> {
            assertThat(((RunEvent) event).calendarId()).isEqualTo(globex);
            assertThat(event.partitionKey()).isEqualTo(globex.value());
        });
    }
}
