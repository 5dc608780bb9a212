package dev.almanac.query.conflict;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictDismissed;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;

/**
 * Suggested resolutions on the sample double booking: the review [15:00, 16:00) and the gala
 * [15:30, 18:00) on 1 December 2026 in the New York ballroom of capacity 1.
 */
@QueryApiTest
class ConflictSuggestionsApiTest extends ReadModelApiTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @BeforeEach
    void fixedClock() {
        clock.pin(NOW);
    }

    private final ConflictDetected conflict = EventSamples.conflictDetected();

    @Test
    void eachItemGetsTheNextFreeSlotsOutsideTheClashThatClearIt() {
        readModels.given(EventSamples.calendarCreated(),
                ReadModelFixture.item("item-review", EventSamples.BALLROOM.value(), "meeting", Instant.parse("2026-12-01T15:00:00Z"),
                        Duration.ofHours(1)),
                ReadModelFixture.item("item-gala", EventSamples.BALLROOM.value(), "gala", Instant.parse("2026-12-01T15:30:00Z"),
                        Duration.ofMinutes(150)),
                conflict);

        client.get().uri("/api/v1/conflicts/{id}/suggestions", conflict.conflictId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.conflict_id").isEqualTo(conflict.conflictId().value())
                .jsonPath("$.suggestions.length()").isEqualTo(6)
                // The gala (2 h 30) first clears the review and its 15-minute buffer at 16:30 (the 30-minute grid).
                .jsonPath("$.suggestions[0].entry_id").isEqualTo("item-gala")
                .jsonPath("$.suggestions[0].to.start").isEqualTo("2026-12-01T16:30:00Z")
                .jsonPath("$.suggestions[0].to.end").isEqualTo("2026-12-01T19:00:00Z")
                .jsonPath("$.suggestions[0].effect").isEqualTo("clears")
                // The review (1 h) must wait until the gala and its buffer are over: 18:30.
                .jsonPath("$.suggestions[3].entry_id").isEqualTo("item-review")
                .jsonPath("$.suggestions[3].from.start").isEqualTo("2026-12-01T15:00:00Z")
                .jsonPath("$.suggestions[3].to.start").isEqualTo("2026-12-01T18:30:00Z")
                .jsonPath("$.suggestions[3].effect").isEqualTo("clears");
    }

    @Test
    void aMoveIsOfferedToTheItemsOwnerAndTheCalendarsManagerButNotToAnotherScheduler() {
        ItemScheduled review = ReadModelFixture.item("item-review", EventSamples.BALLROOM.value(), "meeting",
                Instant.parse("2026-12-01T15:00:00Z"), Duration.ofHours(1));
        ItemScheduled carls = new ItemScheduled(review.itemId(), review.calendarId(), review.title(), review.type(), review.start(),
                review.end(), review.timezone(), review.priority(), review.tags(), null, review.resources(), review.metadata(),
                review.source(), review.dependencies(), null, UserId.of("carl"));
        readModels.given(EventSamples.calendarCreated(),
                new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("carl"), CalendarRole.SCHEDULER, null),
                new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("cora"), CalendarRole.SCHEDULER, null),
                new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("mia"), CalendarRole.MANAGER, null),
                carls,
                ReadModelFixture.item("item-gala", EventSamples.BALLROOM.value(), "gala", Instant.parse("2026-12-01T15:30:00Z"),
                        Duration.ofMinutes(150)),
                conflict);

        for (String mayMove : new String[] {"carl", "mia"}) {
            client.get().uri("/api/v1/conflicts/{id}/suggestions", conflict.conflictId().value()).header("X-Almanac-User", mayMove)
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.suggestions[3].entry_id").isEqualTo("item-review")
                    .jsonPath("$.suggestions[3].actions[0].name").isEqualTo("reschedule");
        }
        // ADR 0090: cora may move the gala, which has no owner, but not carl's review.
        client.get().uri("/api/v1/conflicts/{id}/suggestions", conflict.conflictId().value()).header("X-Almanac-User", "cora")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.suggestions[0].entry_id").isEqualTo("item-gala")
                .jsonPath("$.suggestions[0].actions[0].name").isEqualTo("reschedule")
                .jsonPath("$.suggestions[3].entry_id").isEqualTo("item-review")
                .jsonPath("$.suggestions[3].actions[0]").doesNotExist();
    }

    @Test
    void aDismissedConflictHasNoSuggestionsAndAnUnknownOneIsNotFound() {
        readModels.given(EventSamples.calendarCreated(), conflict,
                new ConflictDismissed(conflict.conflictId(), conflict.calendarId(), "planner", "accepted", NOW));

        client.get().uri("/api/v1/conflicts/{id}/suggestions", conflict.conflictId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.suggestions.length()").isEqualTo(0);
        client.get().uri("/api/v1/conflicts/conflict-missing/suggestions")
                .exchange()
                .expectStatus().isNotFound();
    }
}
