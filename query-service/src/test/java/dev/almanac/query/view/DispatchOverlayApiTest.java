package dev.almanac.query.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EntryKind;
import dev.almanac.events.EventSamples;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.run.RunStarted;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.Received;

/**
 * The dispatcher's decisions in the views (ADR 0071): a calendar view's entry carries the latest decision as
 * {@code dispatch} and its run state ranks it against the run reported; the ops feed's status says the same, and
 * filters by it.
 */
@QueryApiTest
class DispatchOverlayApiTest extends ReadModelApiTest {

    private static final String BALLROOM = EventSamples.BALLROOM.value();
    private static final String ENTRY = "$.days[0].entries[0].";
    private static final String FEED = "/api/v1/ops/calendar/events";

    @Test
    void anOccurrenceShowsItsDispatchThenItsRunThenItsTimeoutAndItsRetries() {
        readModels.given(EventSamples.calendarCreated(), EventSamples.ruleCreated());
        OccurrenceDue due = EventSamples.occurrenceDue();
        String occurrence = due.occurrenceId().value();

        apply(due, 12);
        daily("2026-12-02").jsonPath(ENTRY + "id").isEqualTo(occurrence)
                .jsonPath(ENTRY + "run_state").isEqualTo("dispatched")
                .jsonPath(ENTRY + "run").doesNotExist()
                .jsonPath(ENTRY + "dispatch.decision").isEqualTo("dispatched")
                .jsonPath(ENTRY + "dispatch.attempt").isEqualTo(1)
                .jsonPath(ENTRY + "dispatch.trigger").isEqualTo("scheduled")
                .jsonPath(ENTRY + "dispatch.due_at").value(at -> assertThat(Instant.parse((String) at)).isEqualTo(due.dueAt()))
                .jsonPath(ENTRY + "dispatch.timeout_at").value(at -> assertThat(Instant.parse((String) at)).isEqualTo(due.timeoutAt()))
                .jsonPath(ENTRY + "dispatch.version").doesNotExist();
        feedOn("2026-12-02").jsonPath("$.events[0].event_id").isEqualTo(occurrence)
                .jsonPath("$.events[0].status").isEqualTo("dispatched");
        feed("start=2026-12-01T00:00:00Z&end=2026-12-04T00:00:00Z&status=dispatched").jsonPath("$.events[*].event_id")
                .isEqualTo(List.of(occurrence));

        // The executor reports the attempt: the report outranks the bare dispatch, which stays beside it.
        apply(new RunStarted(EventSamples.NIGHTLY_RUN, EventSamples.BALLROOM, EntryKind.OCCURRENCE, occurrence, 1,
                Instant.parse("2026-12-02T07:30:01Z"), "worker-7"), 0);
        daily("2026-12-02").jsonPath(ENTRY + "run_state").isEqualTo("running")
                .jsonPath(ENTRY + "run.attempt").isEqualTo(1)
                .jsonPath(ENTRY + "dispatch.trigger").isEqualTo("scheduled");
        feedOn("2026-12-02").jsonPath("$.events[0].status").isEqualTo("running");

        // No final report by the timeout: the dispatcher's decision ends the attempt.
        apply(EventSamples.runTimedOut(), 8);
        daily("2026-12-02").jsonPath(ENTRY + "run_state").isEqualTo("timed_out")
                .jsonPath(ENTRY + "dispatch.decision").isEqualTo("timed_out")
                .jsonPath(ENTRY + "dispatch.last_outcome").isEqualTo("timed_out")
                .jsonPath(ENTRY + "dispatch.timeout_at").value(at -> assertThat(Instant.parse((String) at))
                        .isEqualTo(EventSamples.runTimedOut().timeoutAt()))
                .jsonPath(ENTRY + "run.status").isEqualTo("running");
        feedOn("2026-12-02").jsonPath("$.events[0].status").isEqualTo("timed_out");

        apply(EventSamples.retryScheduled(), 9);
        daily("2026-12-02").jsonPath(ENTRY + "run_state").isEqualTo("retry_scheduled")
                .jsonPath(ENTRY + "dispatch.attempt").isEqualTo(1)
                .jsonPath(ENTRY + "dispatch.next_attempt").isEqualTo(2)
                .jsonPath(ENTRY + "dispatch.retry_at").value(at -> assertThat(Instant.parse((String) at))
                        .isEqualTo(EventSamples.retryScheduled().retryAt()));
        feedOn("2026-12-02").jsonPath("$.events[0].status").isEqualTo("retry_scheduled");

        // The sample's fourth and last attempt failed as well: final.
        apply(EventSamples.retriesExhausted(), 24);
        daily("2026-12-02").jsonPath(ENTRY + "run_state").isEqualTo("retries_exhausted")
                .jsonPath(ENTRY + "dispatch.attempt").isEqualTo(4)
                .jsonPath(ENTRY + "dispatch.last_outcome").isEqualTo("failed");
        feedOn("2026-12-02").jsonPath("$.events[0].status").isEqualTo("retries_exhausted");
        // The entry by id carries the same overlay as the views.
        client.get().uri("/api/v1/schedules/{id}", occurrence).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.run_state").isEqualTo("retries_exhausted")
                .jsonPath("$.dispatch.attempt").isEqualTo(4)
                .jsonPath("$.run.status").isEqualTo("running");

        // The first dispatch delivered again changes nothing.
        apply(due, 12);
        daily("2026-12-02").jsonPath(ENTRY + "run_state").isEqualTo("retries_exhausted");
    }

    @Test
    void aSkippedOccurrenceShowsWhyAndABufferedOneThatItWaits() {
        readModels.given(EventSamples.calendarCreated(), EventSamples.ruleCreated());

        apply(EventSamples.occurrenceSkipped(), 6);
        apply(EventSamples.occurrenceBuffered(), 5);

        daily("2026-12-03").jsonPath(ENTRY + "id").isEqualTo(EventSamples.occurrenceSkipped().occurrenceId().value())
                .jsonPath(ENTRY + "run_state").isEqualTo("skipped")
                .jsonPath(ENTRY + "dispatch.reason").isEqualTo("max_concurrent")
                .jsonPath(ENTRY + "dispatch.in_flight").isEqualTo(1)
                .jsonPath(ENTRY + "dispatch.trigger").doesNotExist();
        daily("2026-12-04").jsonPath(ENTRY + "id").isEqualTo(EventSamples.occurrenceBuffered().occurrenceId().value())
                .jsonPath(ENTRY + "run_state").isEqualTo("buffered")
                .jsonPath(ENTRY + "dispatch.in_flight").isEqualTo(1);
        feed("start=2026-12-01T00:00:00Z&end=2026-12-05T00:00:00Z&status=skipped,buffered").jsonPath("$.events[*].status")
                .isEqualTo(List.of("skipped", "buffered"));
    }

    private void apply(AlmanacEvent event, long version) {
        projections.apply(Received.of(event, version)).block(Duration.ofSeconds(5));
    }

    private WebTestClient.BodyContentSpec daily(String date) {
        return client.get().uri("/api/v1/calendars/{id}/daily?date={date}&timezone=UTC", BALLROOM, date)
                .exchange()
                .expectStatus().isOk()
                .expectBody();
    }

    /** The ops feed's events of the ballroom on that UTC day. */
    private WebTestClient.BodyContentSpec feedOn(String date) {
        Instant start = Instant.parse(date + "T00:00:00Z");
        return feed("start=" + start + "&end=" + start.plus(Duration.ofDays(1)));
    }

    /** The ops feed's events of the ballroom, asked with {@code query}. */
    private WebTestClient.BodyContentSpec feed(String query) {
        return client.get().uri(FEED + "?calendar_id=" + BALLROOM + "&" + query)
                .exchange()
                .expectStatus().isOk()
                .expectBody();
    }
}
