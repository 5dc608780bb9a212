package dev.almanac.query.view;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EntryKind;
import dev.almanac.events.EventSamples;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunId;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;

/**
 * A heartbeat's reports in the views (ADR 0073): a system reports its rule, not a beat, and each beat that has started
 * shows the latest report that accounts for it (one from an interval before the beat to its grace after it), in the
 * calendar views, the ops feed and the entry by id. A beat not yet started shows scheduled whatever was reported.
 */
@QueryApiTest
class HeartbeatReportOverlayApiTest extends ReadModelApiTest {

    private static final String BALLROOM = EventSamples.BALLROOM.value();
    private static final Instant MIDNIGHT = Instant.parse("2026-12-02T00:00:00Z");
    /** Beats every 10 minutes from midnight, with a grace of 60 s. */
    private static final RuleCreated HEARTBEAT = RecurringRules.heartbeat("rule-ingest-alive", BALLROOM, ZoneOffset.UTC, MIDNIGHT, 600);

    @Test
    void eachStartedBeatShowsTheLatestReportThatAccountsForIt() {
        readModels.given(EventSamples.calendarCreated(), HEARTBEAT);
        clock.pin(at("00:35:00"));

        apply(report("run-a", "00:09:30", true));
        apply(report("run-b", "00:20:30", false));
        apply(new RunStarted(RunId.of("run-c"), EventSamples.BALLROOM, EntryKind.RULE, HEARTBEAT.ruleId().value(), 1, at("00:34:00"),
                "ingest-7"));
        // Redelivered: the set of reports keeps it once, and nothing changes.
        apply(report("run-a", "00:09:30", true));

        // 00:00 had no report from 23:50 to 00:01; 00:10 the one at 00:09:30; 00:20 and 00:30 the failed one at 00:20:30,
        // within 00:30's interval before it; 00:40 has not started, though the start at 00:34 accounts for it.
        daily().jsonPath(runStateOf("00:00:00")).isEqualTo(List.of("scheduled"))
                .jsonPath(runStateOf("00:10:00")).isEqualTo(List.of("succeeded"))
                .jsonPath(beat("00:10:00") + ".run.run_id").isEqualTo(List.of("run-a"))
                .jsonPath(beat("00:10:00") + ".run.finished_at").isEqualTo(List.of("2026-12-02T00:09:30Z"))
                .jsonPath(runStateOf("00:20:00")).isEqualTo(List.of("failed"))
                .jsonPath(runStateOf("00:30:00")).isEqualTo(List.of("failed"))
                .jsonPath(beat("00:30:00") + ".run.message").isEqualTo(List.of("queue unreachable"))
                .jsonPath(runStateOf("00:40:00")).isEqualTo(List.of("scheduled"))
                .jsonPath(beat("00:40:00") + ".run").isEmpty();

        // At 00:41 the beat of 00:40 has started, and the report started at 00:34 accounts for it.
        clock.pin(at("00:41:00"));
        daily().jsonPath(runStateOf("00:40:00")).isEqualTo(List.of("running"))
                .jsonPath(beat("00:40:00") + ".run.executor").isEqualTo(List.of("ingest-7"));

        client.get().uri("/api/v1/schedules/{id}", beatId("00:10:00")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.run_state").isEqualTo("succeeded")
                .jsonPath("$.run.run_id").isEqualTo("run-a");
        client.get().uri("/api/v1/ops/calendar/events?calendar_id={id}&start={start}&end={end}", BALLROOM, MIDNIGHT,
                        at("00:25:00"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.events[*].status").isEqualTo(List.of("scheduled", "success", "failed"));
    }

    @Test
    void aReportAcrossAnHourAccountsForTheBeatOnTheOtherSide() {
        readModels.given(EventSamples.calendarCreated(), HEARTBEAT);
        clock.pin(at("01:05:00"));

        // 00:59:30 is in the hour before the beat of 01:00, and within its interval before it.
        apply(report("run-late", "00:59:30", true));

        daily().jsonPath(runStateOf("00:50:00")).isEqualTo(List.of("scheduled"))
                .jsonPath(runStateOf("01:00:00")).isEqualTo(List.of("succeeded"));
    }

    private static RunSucceeded succeeded(String runId, String time) {
        return new RunSucceeded(RunId.of(runId), EventSamples.BALLROOM, EntryKind.RULE, HEARTBEAT.ruleId().value(), 1, at(time),
                "ingest-7", null);
    }

    private static AlmanacEvent report(String runId, String time, boolean succeeded) {
        return succeeded ? succeeded(runId, time) : new RunFailed(RunId.of(runId), EventSamples.BALLROOM, EntryKind.RULE,
                HEARTBEAT.ruleId().value(), 1, at(time), "ingest-7", "queue unreachable");
    }

    private static Instant at(String time) {
        return Instant.parse("2026-12-02T" + time + "Z");
    }

    private static String beatId(String time) {
        return OccurrenceId.of(HEARTBEAT.ruleId(), at(time)).value();
    }

    private static String beat(String time) {
        return "$.days[0].entries[?(@.id == '" + beatId(time) + "')]";
    }

    private static String runStateOf(String time) {
        return beat(time) + ".run_state";
    }

    private void apply(AlmanacEvent event) {
        projections.apply(Received.of(event, 1)).block(Duration.ofSeconds(5));
    }

    private WebTestClient.BodyContentSpec daily() {
        return client.get().uri("/api/v1/calendars/{id}/daily?date=2026-12-02&timezone=UTC", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody();
    }
}
