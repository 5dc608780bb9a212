package dev.almanac.query;

import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.events.EntryKind;
import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.dispatch.AttemptOutcome;
import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.dispatch.OccurrenceSkipped;
import dev.almanac.events.dispatch.RetryScheduled;
import dev.almanac.events.dispatch.RunTimedOut;
import dev.almanac.events.dispatch.SkipReason;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.run.RunId;
import dev.almanac.events.run.RunStarted;
import dev.almanac.query.support.EmbeddedQueryService;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RecurringRules;

/**
 * The dispatcher's decisions published to {@code almanac.dispatch.v1} reach the calendar views and the ops feed through
 * the real embedded Kafka and MongoDB (ADR 0071), beside the run reports of {@code almanac.runs.v1}, whichever topic's
 * record the projection reads first.
 */
class DispatchProjectionIT extends EmbeddedQueryService {

    private static final Instant START = Instant.parse("2026-11-01T06:30:00Z");

    @Test
    void anOccurrencesDispatchRunTimeoutAndRetryShowInTheViewsAsTheyArePublished() {
        String calendar = unique("cal");
        RuleCreated rule = RecurringRules.rule(unique("rule"), calendar, "30 6 * * *", ZoneId.of("UTC"),
                Instant.parse("2026-10-31T12:00:00Z"), 0);
        OccurrenceId occurrence = OccurrenceId.of(rule.ruleId(), START);
        publish(ReadModelFixture.calendar(calendar, ZoneId.of("UTC")), 0);
        publish(rule, 0);

        // The dispatcher's envelopes count 5 x attempt + step; the view ranks the decisions from the events themselves.
        publish(due(rule, occurrence, 1, DispatchTrigger.SCHEDULED, START), 7);
        awaitState(calendar, "dispatched");
        entry(calendar).jsonPath("$.days[0].entries[0].dispatch.attempt").isEqualTo(1)
                .jsonPath("$.days[0].entries[0].dispatch.trigger").isEqualTo("scheduled")
                .jsonPath("$.days[0].entries[0].run").doesNotExist();
        awaitFeedStatus(calendar, "dispatched");

        publish(new RunStarted(RunId.of(unique("run")), CalendarId.of(calendar), EntryKind.OCCURRENCE, occurrence.value(), 1,
                START.plusSeconds(1), "worker-1"), 0);
        awaitState(calendar, "running");

        publish(new RunTimedOut(occurrence, rule.ruleId(), CalendarId.of(calendar), 1, START, START.plusSeconds(600),
                START.plusSeconds(600)), 8);
        awaitState(calendar, "timed_out");
        awaitFeedStatus(calendar, "timed_out");

        publish(new RetryScheduled(occurrence, rule.ruleId(), CalendarId.of(calendar), 2, AttemptOutcome.TIMED_OUT,
                START.plusSeconds(630), START.plusSeconds(600)), 9);
        awaitState(calendar, "retry_scheduled");
        entry(calendar).jsonPath("$.days[0].entries[0].dispatch.next_attempt").isEqualTo(2);

        publish(due(rule, occurrence, 2, DispatchTrigger.RETRY, START.plusSeconds(630)), 12);
        awaitState(calendar, "dispatched");
        entry(calendar).jsonPath("$.days[0].entries[0].dispatch.attempt").isEqualTo(2)
                .jsonPath("$.days[0].entries[0].dispatch.trigger").isEqualTo("retry")
                .jsonPath("$.days[0].entries[0].run.attempt").isEqualTo(1);
        awaitFeedStatus(calendar, "dispatched");
    }

    @Test
    void aSkippedOccurrenceShowsSkippedWithItsReason() {
        String calendar = unique("cal");
        RuleCreated rule = RecurringRules.rule(unique("rule"), calendar, "30 6 * * *", ZoneId.of("UTC"),
                Instant.parse("2026-10-31T12:00:00Z"), 0);
        OccurrenceId occurrence = OccurrenceId.of(rule.ruleId(), START);
        publish(ReadModelFixture.calendar(calendar, ZoneId.of("UTC")), 0);
        publish(rule, 0);
        publish(new OccurrenceSkipped(occurrence, rule.ruleId(), 0, CalendarId.of(calendar), START, SkipReason.MAX_CONCURRENT, 1,
                START), 6);

        awaitState(calendar, "skipped");
        entry(calendar).jsonPath("$.days[0].entries[0].id").isEqualTo(occurrence.value())
                .jsonPath("$.days[0].entries[0].dispatch.reason").isEqualTo("max_concurrent");
        awaitFeedStatus(calendar, "skipped");
    }

    private static OccurrenceDue due(RuleCreated rule, OccurrenceId occurrence, int attempt, DispatchTrigger trigger, Instant dueAt) {
        OccurrenceDue sample = EventSamples.occurrenceDue();
        return new OccurrenceDue(occurrence, rule.ruleId(), 0, rule.calendarId(), rule.name(), START, dueAt, attempt, trigger,
                sample.jobTemplate(), dueAt, dueAt.plusSeconds(600), null);
    }

    private void awaitState(String calendar, String state) {
        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> entry(calendar)
                .jsonPath("$.days[0].entries.length()").isEqualTo(1)
                .jsonPath("$.days[0].entries[0].run_state").isEqualTo(state));
    }

    private void awaitFeedStatus(String calendar, String status) {
        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get()
                .uri("/api/v1/ops/calendar/events?calendar_id={id}&start=2026-11-01T00:00:00Z&end=2026-11-02T00:00:00Z", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.events.length()").isEqualTo(1)
                .jsonPath("$.events[0].status").isEqualTo(status));
    }

    private WebTestClient.BodyContentSpec entry(String calendar) {
        return client.get().uri("/api/v1/calendars/{id}/daily?date=2026-11-01&timezone=UTC", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody();
    }
}
