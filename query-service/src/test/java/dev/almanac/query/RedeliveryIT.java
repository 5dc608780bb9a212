package dev.almanac.query;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.query.support.EmbeddedQueryService;
import dev.almanac.query.support.ReadModelFixture;

/** At least once, applied exactly once: duplicated and late records change nothing. */
class RedeliveryIT extends EmbeddedQueryService {

    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void recordsPublishedTwiceOrLateLeaveOneEntryAtItsLatestVersion() {
        String calendar = unique("cal");
        ItemScheduled item = ReadModelFixture.item(unique("item"), calendar, "meeting", NINE, Duration.ofHours(1));
        ItemRescheduled moved = new ItemRescheduled(item.itemId(), item.calendarId(), item.start(), item.end(),
                NINE.plus(Duration.ofHours(3)), NINE.plus(Duration.ofHours(4)), "clash with the gala");
        // Same calendar, so the same partition: once the sentinel shows, every record before it was applied.
        ItemScheduled sentinel = ReadModelFixture.item(unique("sentinel"), calendar, "meeting", NINE.plus(Duration.ofHours(6)), Duration.ofHours(1));

        publish(ReadModelFixture.calendar(calendar, ZoneId.of("Europe/London")), 0);
        publish(item, 0);
        publish(item, 0);
        publish(moved, 1);
        publish(moved, 1);
        publish(item, 0);
        publish(sentinel, 0);

        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get()
                .uri("/api/v1/calendars/{id}/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.entries.length()").isEqualTo(2)
                .jsonPath("$.entries[1].id").isEqualTo(sentinel.itemId().value()));

        client.get().uri("/api/v1/calendars/{id}/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.entries[0].id").isEqualTo(item.itemId().value())
                .jsonPath("$.entries[0].start").isEqualTo(moved.start().toString())
                .jsonPath("$.entries[0].version").isEqualTo(1)
                .jsonPath("$.entries[0].reschedule_count").isEqualTo(1);
        client.get().uri("/api/v1/schedules/window?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z&queue={id}", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.summary.total_jobs").isEqualTo(2)
                .jsonPath("$.buckets[0].queues['" + calendar + "']").isEqualTo(2);
    }

    @Test
    void aRedeliveredCreationKeepsTheVersionUnchanged() {
        String calendar = unique("cal");
        ItemScheduled first = ReadModelFixture.item(unique("item"), calendar, "meeting", NINE, Duration.ofHours(1));
        ItemScheduled sentinel = ReadModelFixture.item(ItemId.of(unique("sentinel")).value(), calendar, "meeting",
                NINE.plus(Duration.ofHours(2)), Duration.ofHours(1));

        publish(ReadModelFixture.calendar(calendar, ZoneId.of("UTC")), 4);
        publish(ReadModelFixture.calendar(calendar, ZoneId.of("UTC")), 4);
        publish(first, 0);
        publish(first, 0);
        publish(sentinel, 0);

        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get()
                .uri("/api/v1/calendars/{id}/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.entries.length()").isEqualTo(2)
                .jsonPath("$.entries[0].version").isEqualTo(0));
        client.get().uri("/api/v1/calendars/{id}", calendar).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"4\"")
                .expectBody().jsonPath("$.version").isEqualTo(4);
    }
}
