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
import dev.almanac.events.occurrence.OccurrenceMaterialized;
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
 * The {@code missed} run-state overlay (seed 001): an occurrence rule-expander found missed shows it
 * in the calendar views until a run is reported after all, or an operator reschedules or deletes it;
 * a backfill leaves it missed, the backfill being a run of its own.
 */
@QueryApiTest
class MissedRunOverlayApiTest extends ReadModelApiTest {

    private static final String BALLROOM = EventSamples.BALLROOM.value();

    @Test
    void aMissedOccurrenceShowsMissedUntilItRunsOrIsRescheduled() {
        var rule = EventSamples.ruleCreated();
        List<OccurrenceMaterialized> december2 = RecurringRules.materialised(rule, 2, Instant.parse("2026-12-02T00:00:00Z"),
                Instant.parse("2026-12-03T00:00:00Z"));
        OccurrenceMaterialized occurrence = december2.get(0);
        OccurrenceMissed missed = EventSamples.occurrenceMissed();
        readModels.given(EventSamples.calendarCreated(), rule);
        apply(occurrence, 2);
        apply(missed, 2);

        daily().jsonPath("$.days[0].entries[0].id").isEqualTo(occurrence.occurrenceId().value())
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
        OccurrenceMaterialized occurrence = RecurringRules.materialised(rule, 2, missed.resolvedAt(), missed.resolvedAt().plusSeconds(1)).get(0);
        Instant tonight = Instant.parse("2026-12-02T20:00:00Z");
        readModels.given(EventSamples.calendarCreated(), rule);
        apply(occurrence, 2);
        apply(missed, 2);
        apply(new RuleMissedRunDecided(rule.ruleId(), missed.occurrenceId(), missed.resolvedAt(), missed.start(), MissedRunAction.RESCHEDULE,
                tonight, null, Instant.parse("2026-12-02T09:00:00Z"), null), 3);
        apply(new OccurrenceMaterialized(occurrence.occurrenceId(), rule.ruleId(), 3, occurrence.calendarId(), occurrence.title(),
                occurrence.type(), occurrence.resolvedAt(), tonight, tonight.plus(Duration.ofMinutes(15)), occurrence.timezone(),
                occurrence.nominalLocalTime(), occurrence.dstPolicy(), occurrence.dstResolution(), occurrence.tzdataVersion(),
                occurrence.start(), null), 3);

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

    private WebTestClient.BodyContentSpec daily() {
        return client.get().uri("/api/v1/calendars/{id}/daily?date=2026-12-02&timezone=UTC", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody();
    }
}
