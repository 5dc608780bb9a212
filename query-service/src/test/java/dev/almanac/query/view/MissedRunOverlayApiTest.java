package dev.almanac.query.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EntryKind;
import dev.almanac.events.EventSamples;
import dev.almanac.events.occurrence.MissedReason;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.run.RunId;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;

/**
 * The {@code missed} run-state overlay (OPS-MISSED/OPS-STATUS): an occurrence rule-expander found missed shows it
 * in the calendar views until a run is reported after all, or an operator reschedules or deletes it;
 * a backfill leaves it missed, the backfill being a run of its own.
 */
@QueryApiTest
class MissedRunOverlayApiTest extends ReadModelApiTest {

    private static final String BALLROOM = EventSamples.BALLROOM.value();

    @Test
    void aMissedOccurrenceShowsMissedUntilItRunsOrIsRescheduled() {
        var rule = EventSamples.ruleCreated();
        OccurrenceMissed missed = EventSamples.occurrenceMissed();
        readModels.given(EventSamples.calendarCreated(), rule);
        // The occurrence is computed from the rule (ADR 0068); the missed run is a fact of its own.
        apply(missed, 2);

        daily().jsonPath("$.days[0].entries[0].id").isEqualTo(missed.occurrenceId().value())
                .jsonPath("$.days[0].entries[0].run_state").isEqualTo("missed")
                .jsonPath("$.days[0].entries[0].run.status").isEqualTo("missed")
                .jsonPath("$.days[0].entries[0].run.run_id").doesNotExist()
                .jsonPath("$.days[0].entries[0].run.message").isEqualTo("no run reported by " + missed.detectedAt());

        // A backfill leaves the occurrence missed; the backfill runs as an occurrence of its own.
        OccurrenceId backfill = OccurrenceId.backfillOf(missed.occurrenceId(), missed.start());
        apply(new RuleMissedRunDecided(rule.ruleId(), missed.occurrenceId(), missed.resolvedAt(), missed.start(),
                MissedRunAction.APPROVE_BACKFILL_RUN, Instant.parse("2026-12-02T09:00:00Z"), backfill, Instant.parse("2026-12-02T09:00:00Z"),
                null), 3);
        daily().jsonPath("$.days[0].entries[0].run_state").isEqualTo("missed")
                .jsonPath("$.days[0].entries[0].run.status").isEqualTo("missed")
                .jsonPath("$.days[0].entries[0].run.message").value(message -> assertThat((String) message)
                        .endsWith("run again as occurrence " + backfill.value()));

        // A run reported late after all: it ran.
        apply(new RunSucceeded(RunId.of("run-late"), EventSamples.BALLROOM, EntryKind.OCCURRENCE, missed.occurrenceId().value(), 1,
                Instant.parse("2026-12-02T09:30:00Z"), "worker-9", null), 0);
        daily().jsonPath("$.days[0].entries[0].run_state").isEqualTo("succeeded")
                .jsonPath("$.days[0].entries[0].run.status").isEqualTo("succeeded");
    }

    @Test
    void aRescheduledMissedOccurrenceIsNoLongerMissedWhereItStandsNow() {
        var rule = EventSamples.ruleCreated();
        OccurrenceMissed missed = EventSamples.occurrenceMissed();
        Instant tonight = Instant.parse("2026-12-02T20:00:00Z");
        readModels.given(EventSamples.calendarCreated(), rule);
        apply(missed, 2);
        // The reschedule moves the occurrence in the rule's timeline (ADR 0068); no occurrence record is needed.
        apply(new RuleMissedRunDecided(rule.ruleId(), missed.occurrenceId(), missed.resolvedAt(), missed.start(), MissedRunAction.RESCHEDULE,
                tonight, null, Instant.parse("2026-12-02T09:00:00Z"), null), 3);

        daily().jsonPath("$.days[0].entries.length()").isEqualTo(1)
                .jsonPath("$.days[0].entries[0].start").isEqualTo(tonight.toString())
                .jsonPath("$.days[0].entries[0].run_state").isEqualTo("scheduled")
                .jsonPath("$.days[0].entries[0].run").doesNotExist();
        // Missed again where it was moved to, at a newer rule version: missed once more.
        apply(new OccurrenceMissed(missed.occurrenceId(), rule.ruleId(), 4, missed.calendarId(), missed.resolvedAt(), tonight,
                tonight.plus(Duration.ofMinutes(15)), tonight.plus(Duration.ofMinutes(6)), null), 4);
        daily().jsonPath("$.days[0].entries[0].run_state").isEqualTo("missed")
                .jsonPath("$.days[0].entries[0].run.status").isEqualTo("missed");
    }

    private void apply(AlmanacEvent event, long version) {
        projections.apply(Received.of(event, version)).block(Duration.ofSeconds(5));
    }

    /** OPS-HEARTBEAT (ADR 0073): a heartbeat's beat missed says why. */
    @Test
    void aMissedBeatOfAHeartbeatSaysNoHeartbeatWasReported() {
        var heartbeat = RecurringRules.heartbeat("rule-billing-sync", BALLROOM, ZoneOffset.UTC, Instant.parse("2026-12-02T00:00:00Z"), 43_200);
        readModels.given(EventSamples.calendarCreated(), heartbeat);
        Instant noon = Instant.parse("2026-12-02T12:00:00Z");
        OccurrenceMissed missed = new OccurrenceMissed(OccurrenceId.of(heartbeat.ruleId(), noon), heartbeat.ruleId(), 0,
                EventSamples.BALLROOM, noon, noon, noon.plusSeconds(300), noon.plusSeconds(61), null, MissedReason.NO_HEARTBEAT);
        apply(missed, 0);

        daily().jsonPath("$.days[0].entries[?(@.id == '" + missed.occurrenceId().value() + "')].run.message")
                .isEqualTo(List.of("no heartbeat reported by " + missed.detectedAt()));
    }

    private WebTestClient.BodyContentSpec daily() {
        return client.get().uri("/api/v1/calendars/{id}/daily?date=2026-12-02&timezone=UTC", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody();
    }
}
