package dev.almanac.query.entry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;

import dev.almanac.events.EventSamples;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.input.TextRules;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;

/** {@code GET /api/v1/schedules/{id}}, where the Location of a created item points. */
@QueryApiTest
class ScheduleEntryApiTest extends ReadModelApiTest {

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
                .jsonPath("$.metadata").doesNotExist();
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
                .jsonPath("$.reschedule_reason").isEqualTo(moved.reason())
                .jsonPath("$.reschedule_count").isEqualTo(1)
                .jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void showsAnOccurrenceWithItsRuleAndHowItsTimeResolved() {
        OccurrenceMaterialized occurrence = EventSamples.occurrenceMaterialized();
        readModels.given(occurrence);

        client.get().uri("/api/v1/schedules/{id}", occurrence.occurrenceId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.kind").isEqualTo("occurrence")
                .jsonPath("$.source").isEqualTo("recurring_rule")
                .jsonPath("$.resources.length()").isEqualTo(1)
                .jsonPath("$.resources[0].resource_id").isEqualTo(occurrence.resources().get(0).resourceId().value())
                .jsonPath("$.resources[0].role").isEqualTo("primary")
                .jsonPath("$.metadata").doesNotExist()
                .jsonPath("$.rule_id").isEqualTo(occurrence.ruleId().value())
                .jsonPath("$.rule_version").isEqualTo(occurrence.ruleVersion())
                .jsonPath("$.start").isEqualTo(occurrence.start().toString())
                .jsonPath("$.resolved_at").isEqualTo(occurrence.resolvedAt().toString())
                .jsonPath("$.nominal_local_time").isEqualTo("2027-03-14T02:30")
                .jsonPath("$.dst_resolution").isEqualTo("gap_shifted")
                .jsonPath("$.tzdata_version").isEqualTo(occurrence.tzdataVersion())
                .jsonPath("$.priority").doesNotExist();
    }

    /** can_reschedule: an item that has not started and is not cancelled; never an occurrence. */
    @Test
    void onlyAnItemThatHasNotStartedNorBeenCancelledCanBeRescheduled() {
        Instant now = Instant.now();
        readModels.given(ReadModelFixture.item("item-started", "cal-a", "meeting", now.minus(Duration.ofHours(1)), Duration.ofHours(2)),
                ReadModelFixture.item("item-later", "cal-a", "meeting", now.plus(Duration.ofDays(1)), Duration.ofHours(1)),
                EventSamples.occurrenceMaterialized());

        for (var expected : Map.of("item-started", false, "item-later", true,
                EventSamples.occurrenceMaterialized().occurrenceId().value(), false).entrySet()) {
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
