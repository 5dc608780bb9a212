package dev.almanac.query.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import dev.almanac.events.EventSamples;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.input.TextRules;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.query.occurrence.OccurrenceLookup;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.recurrence.Tzdata;

/** {@code GET /api/v1/schedules/{id}}, where the Location of a created item points. */
@QueryApiTest
class ScheduleEntryApiTest extends ReadModelApiTest {

    @Autowired
    OccurrenceLookup lookup;


    @Test
    void showsAnItemInSnakeCaseWithItsVersionAsETag() {
        ItemScheduled item = EventSamples.itemScheduled();
        readModels.given(item);

        client.get().uri("/api/v1/schedules/{id}", item.itemId().value())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectBody()
                .jsonPath("$.id").isEqualTo(item.itemId().value())
                .jsonPath("$.kind").isEqualTo("item")
                .jsonPath("$.source").isEqualTo("api")
                .jsonPath("$.resources[0].resource_id").isEqualTo("res-ballroom")
                .jsonPath("$.resources[0].role").isEqualTo("primary")
                .jsonPath("$.resources[1].resource_id").isEqualTo("res-projector")
                .jsonPath("$.resources[1].role").isEqualTo("secondary")
                .jsonPath("$.metadata.cost_center").isEqualTo("FIN-204")
                .jsonPath("$.metadata.attendees").isEqualTo(12)
                .jsonPath("$.owner").isEqualTo("user-123")
                .jsonPath("$.calendar_id").isEqualTo(item.calendarId().value())
                .jsonPath("$.title").isEqualTo(item.title())
                .jsonPath("$.type").isEqualTo(item.type())
                .jsonPath("$.start").isEqualTo("2026-12-01T15:00:00Z")
                .jsonPath("$.end").isEqualTo("2026-12-01T16:00:00Z")
                .jsonPath("$.timezone").isEqualTo("America/New_York")
                .jsonPath("$.priority").isEqualTo("normal")
                .jsonPath("$.tags[0]").isEqualTo("finance")
                .jsonPath("$.reschedule_count").isEqualTo(0)
                .jsonPath("$.version").isEqualTo(0)
                .jsonPath("$.rule_id").doesNotExist()
                .jsonPath("$.previous_start").doesNotExist()
                .jsonPath("$.calendarId").doesNotExist();
    }

    @Test
    void anItemScheduledByHandWithoutResourcesOrMetadataShowsNone() {
        readModels.given(ReadModelFixture.item("item-plain", "cal-a", "meeting", Instant.parse("2026-12-01T09:00:00Z"), Duration.ofHours(1)));

        client.get().uri("/api/v1/schedules/{id}", "item-plain")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.source").isEqualTo("manual")
                .jsonPath("$.resources").doesNotExist()
                .jsonPath("$.metadata").doesNotExist()
                // Its event names no owner, as none did before ADR 0090: every scheduler of its calendar may change it.
                .jsonPath("$.owner").doesNotExist();
    }

    @Test
    void showsAMovedItemAtItsLatestVersionWithWhereItWasBefore() {
        ItemRescheduled moved = EventSamples.itemRescheduled();
        readModels.given(EventSamples.itemScheduled(), moved);

        client.get().uri("/api/v1/schedules/{id}", moved.itemId().value())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.start").isEqualTo(moved.start().toString())
                .jsonPath("$.end").isEqualTo(moved.end().toString())
                .jsonPath("$.previous_start").isEqualTo(moved.previousStart().toString())
                .jsonPath("$.previous_end").isEqualTo(moved.previousEnd().toString())
                .jsonPath("$.resources.length()").isEqualTo(2)
                .jsonPath("$.metadata.cost_center").isEqualTo("FIN-204")
                .jsonPath("$.source").isEqualTo("api")
                .jsonPath("$.owner").isEqualTo("user-123")
                .jsonPath("$.reschedule_reason").isEqualTo(moved.reason())
                .jsonPath("$.reschedule_count").isEqualTo(1)
                .jsonPath("$.version").isEqualTo(1);
    }

    /**
     * A rule occurrence is computed from its rule's events (ADR 0068): the sample rule's occurrence of 14 March 2027,
     * whose 02:30 fell in New York's DST gap, found by id among the occurrences around now.
     */
    @Test
    void showsAnOccurrenceComputedFromItsRuleWithHowItsTimeResolved() {
        OccurrenceMaterialized occurrence = EventSamples.occurrenceMaterialized();
        readModels.given(EventSamples.ruleCreated());
        clock.pin(occurrence.start().minus(Duration.ofDays(3)));

        client.get().uri("/api/v1/schedules/{id}", occurrence.occurrenceId().value())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectBody()
                .jsonPath("$.kind").isEqualTo("occurrence")
                .jsonPath("$.source").isEqualTo("recurring_rule")
                .jsonPath("$.status").isEqualTo("scheduled")
                .jsonPath("$.resources.length()").isEqualTo(1)
                .jsonPath("$.resources[0].resource_id").isEqualTo(occurrence.resources().get(0).resourceId().value())
                .jsonPath("$.resources[0].role").isEqualTo("primary")
                .jsonPath("$.metadata").doesNotExist()
                .jsonPath("$.owner").doesNotExist()
                .jsonPath("$.rule_id").isEqualTo(occurrence.ruleId().value())
                .jsonPath("$.rule_version").isEqualTo(occurrence.ruleVersion())
                .jsonPath("$.calendar_id").isEqualTo(occurrence.calendarId().value())
                .jsonPath("$.title").isEqualTo(occurrence.title())
                .jsonPath("$.type").isEqualTo(occurrence.type())
                .jsonPath("$.start").isEqualTo(occurrence.start().toString())
                .jsonPath("$.end").isEqualTo(occurrence.end().toString())
                .jsonPath("$.resolved_at").isEqualTo(occurrence.resolvedAt().toString())
                .jsonPath("$.nominal_local_time").isEqualTo("2027-03-14T02:30")
                .jsonPath("$.dst_resolution").isEqualTo("gap_shifted")
                // Resolved with this JVM's tz database, as the sample record was with its producer's (ADR 0068).
                .jsonPath("$.tzdata_version").isEqualTo(Tzdata.version(occurrence.timezone()))
                .jsonPath("$.priority").doesNotExist();
    }

    /**
     * The pause of the sample rule withdraws the occurrence: it is answered cancelled, with why and at the pausing version,
     * as rule-expander's retraction said; the resume brings it back, at the version of the definition that gives it.
     */
    @Test
    void anOccurrenceItsRuleWithdrewIsCancelledWithWhyUntilTheRuleBringsItBack() {
        OccurrenceMaterialized occurrence = EventSamples.occurrenceMaterialized();
        readModels.given(EventSamples.ruleCreated(), EventSamples.rulePaused());
        clock.pin(occurrence.start().minus(Duration.ofDays(3)));

        client.get().uri("/api/v1/schedules/{id}", occurrence.occurrenceId().value())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.status").isEqualTo("cancelled")
                .jsonPath("$.cancel_reason").isEqualTo("rule_paused")
                .jsonPath("$.title").isEqualTo(occurrence.title())
                .jsonPath("$.start").isEqualTo(occurrence.start().toString());

        readModels.given(EventSamples.ruleResumed());

        client.get().uri("/api/v1/schedules/{id}", occurrence.occurrenceId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("scheduled")
                .jsonPath("$.cancel_reason").doesNotExist()
                .jsonPath("$.version").isEqualTo(0);
    }

    /**
     * Any occurrence rule-expander published, up to its 90-day horizon, is found by id without a listing: the sample's
     * 60 days ahead is; 100 days ahead it is not.
     */
    @Test
    void anOccurrenceWithinTheExpandersHorizonIsFoundByIdWithoutAListing() {
        OccurrenceMaterialized occurrence = EventSamples.occurrenceMaterialized();
        readModels.given(EventSamples.calendarCreated(), EventSamples.ruleCreated());

        clock.pin(occurrence.start().minus(Duration.ofDays(100)));
        client.get().uri("/api/v1/schedules/{id}", occurrence.occurrenceId().value())
                .exchange()
                .expectStatus().isNotFound();
        clock.pin(occurrence.start().minus(Duration.ofDays(60)));
        client.get().uri("/api/v1/schedules/{id}", occurrence.occurrenceId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.start").isEqualTo(occurrence.start().toString());
    }

    /**
     * An id no rule gives costs a search of every rule once a minute while the rules stay as they were, however often a
     * client asks for it; a new rule that gives it is found at once.
     */
    @Test
    void anIdNoRuleGivesIsSearchedForOnceAMinuteWhileTheRulesStayTheSame() {
        OccurrenceMaterialized occurrence = EventSamples.occurrenceMaterialized();
        clock.pin(occurrence.start().minus(Duration.ofDays(60)));
        readModels.given(EventSamples.calendarCreated(), RecurringRules.rule("rule-other", "cal-a", "0 * * * *", ZoneId.of("UTC"),
                clock.instant().minus(Duration.ofDays(1)), 0));
        String id = occurrence.occurrenceId().value();
        long before = searches();

        for (int i = 0; i < 3; i++) {
            client.get().uri("/api/v1/schedules/{id}", id).exchange().expectStatus().isNotFound();
        }
        assertThat(searches() - before).as("one search for three asks").isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        client.get().uri("/api/v1/schedules/{id}", id).exchange().expectStatus().isNotFound();
        assertThat(searches() - before).as("searched again a minute later").isEqualTo(2);

        readModels.given(EventSamples.ruleCreated());
        client.get().uri("/api/v1/schedules/{id}", id)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.start").isEqualTo(occurrence.start().toString());
    }

    private long searches() {
        return lookup.searches();
    }

    /** An occurrence a listing showed is found by id wherever it lies, however far from now. */
    @Test
    void anOccurrenceAListingShowedIsFoundByIdHoweverFarAhead() {
        OccurrenceMaterialized occurrence = EventSamples.occurrenceMaterialized();
        readModels.given(EventSamples.calendarCreated(), EventSamples.ruleCreated());
        clock.pin(occurrence.start().minus(Duration.ofDays(200)));

        client.get().uri("/api/v1/schedules/{id}", occurrence.occurrenceId().value())
                .exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/v1/calendars/{id}/entries?from=2027-03-14T00:00:00Z&till=2027-03-15T00:00:00Z",
                        occurrence.calendarId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.entries[0].id").isEqualTo(occurrence.occurrenceId().value());

        client.get().uri("/api/v1/schedules/{id}", occurrence.occurrenceId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.start").isEqualTo(occurrence.start().toString());
    }

    /** can_reschedule: an item that has not started and is not cancelled; never an occurrence. */
    @Test
    void onlyAnItemThatHasNotStartedNorBeenCancelledCanBeRescheduled() {
        Instant now = Instant.now();
        RuleCreated hourly = RecurringRules.rule("rule-hourly", "cal-a", "0 * * * *", ZoneId.of("UTC"), now.minus(Duration.ofDays(1)), 0);
        String nextOccurrence = OccurrenceId.of(hourly.ruleId(), now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1))).value();
        readModels.given(ReadModelFixture.item("item-started", "cal-a", "meeting", now.minus(Duration.ofHours(1)), Duration.ofHours(2)),
                ReadModelFixture.item("item-later", "cal-a", "meeting", now.plus(Duration.ofDays(1)), Duration.ofHours(1)), hourly);

        for (var expected : Map.of("item-started", false, "item-later", true, nextOccurrence, false).entrySet()) {
            client.get().uri("/api/v1/schedules/{id}", expected.getKey())
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.can_reschedule").isEqualTo(expected.getValue());
        }
        readModels.given(EventSamples.itemScheduled(), EventSamples.itemRescheduled(), EventSamples.itemConfirmed(),
                EventSamples.itemCancelled());
        client.get().uri("/api/v1/schedules/{id}", EventSamples.REVIEW.value())
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.can_reschedule").isEqualTo(false);
    }

    @Test
    void anUnknownIdIsANotFoundProblem() {
        client.get().uri("/api/v1/schedules/item-missing")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND)
                .jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].rule").isEqualTo("exists");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("idsNoEntryCanHave")
    void anIdNoEntryCanHaveIsABadRequestNamingTheId(String id, String rule) {
        client.get().uri("/api/v1/schedules/{id}", id)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION)
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }

    static Stream<Arguments> idsNoEntryCanHave() {
        return Stream.of(Arguments.of("bad id!", "format"), Arguments.of("-starts-with-a-dash", "format"),
                Arguments.of("x".repeat(129), "format"), Arguments.of("été", "format"), Arguments.of("../../etc/passwd", "format"),
                Arguments.of("a\u0000b", TextRules.RULE), Arguments.of("a\nb", "format"), Arguments.of("bell\u0007", TextRules.RULE));
    }

    /** The literal segment wins over {id}: the window is still the window, not a lookup of an item called window. */
    @Test
    void theWindowPathIsStillTheWindow() {
        readModels.given(ReadModelFixture.calendar("cal-a", ZoneId.of("UTC")));

        client.get().uri("/api/v1/schedules/window?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.window.granularity").isEqualTo("day")
                .jsonPath("$.summary.total_jobs").isEqualTo(0);
        client.get().uri("/api/v1/schedules/window")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].rule").isEqualTo("required");
    }
}
