package dev.almanac.query.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.AttachmentAdded;
import dev.almanac.events.schedule.AttachmentId;
import dev.almanac.events.schedule.AttachmentRemoved;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.schedule.LinkRole;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.testing.JsonSchemas;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;

/**
 * Links (LNK-PAIR), dependencies (F033-DEPENDENCIES) and attachment counts (DEP-ATTACH) in every view of an
 * item: by id, the calendar's entries, the calendar views and the detailed day.
 */
@QueryApiTest
class ItemRelationsApiTest extends ReadModelApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CalendarId BALLROOM = EventSamples.BALLROOM;
    private static final ItemId CORE = ItemId.of("606001-core");
    private static final ItemId SUPERVISOR = ItemId.of("606001-supervisor");
    /** Ten days ahead at 15:00 UTC, so that both items are still to come whenever the test runs. */
    private static final Instant START = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plus(15, ChronoUnit.HOURS);
    private static final Instant SUPERVISOR_START = START.plus(2, ChronoUnit.HOURS);
    private static final LocalDate DAY = LocalDate.ofInstant(START, ZoneOffset.UTC);

    @BeforeEach
    void aLinkedPairWithAttachments() {
        ItemScheduled core = ReadModelFixture.item(CORE.value(), BALLROOM.value(), "core", START, Duration.ofHours(1));
        ItemScheduled supervisor = new ItemScheduled(SUPERVISOR, BALLROOM, "606001-Supervisor", "supervisor", SUPERVISOR_START,
                SUPERVISOR_START.plus(1, ChronoUnit.HOURS), EventSamples.NEW_YORK, Priority.NORMAL, List.of(), null, null, null, null, List.of(CORE));
        Instant coreEnd = START.plus(1, ChronoUnit.HOURS);
        readModels.given(ReadModelFixture.calendar(BALLROOM.value(), ZoneOffset.UTC), core, supervisor,
                new ItemLinked(CORE, BALLROOM, START, coreEnd, LinkRole.PRIMARY, SUPERVISOR, BALLROOM, 7_200),
                new ItemLinked(SUPERVISOR, BALLROOM, SUPERVISOR_START, SUPERVISOR_START.plus(1, ChronoUnit.HOURS), LinkRole.FOLLOWER,
                        CORE, BALLROOM, 7_200),
                attachment("att-photo", "https://files.example.com/p.jpg", null),
                attachment("att-rota", null, "rota/606001.pdf"),
                attachment("att-old", null, "old.pdf"),
                new AttachmentRemoved(CORE, BALLROOM, START, coreEnd, AttachmentId.of("att-old")));
    }

    private static AttachmentAdded attachment(String id, String url, String storageKey) {
        return new AttachmentAdded(CORE, BALLROOM, START, START.plus(1, ChronoUnit.HOURS), AttachmentId.of(id), id + " file",
                url == null ? "application/pdf" : "image/jpeg", 4_096, url, storageKey);
    }

    @Test
    void theItemViewShowsTheLinkEachSideIsOnItsDependenciesAndItsAttachments() {
        client.get().uri("/api/v1/schedules/{id}", CORE.value())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"5\"")
                .expectBody()
                .jsonPath("$.followers.length()").isEqualTo(1)
                .jsonPath("$.followers[0].item_id").isEqualTo(SUPERVISOR.value())
                .jsonPath("$.followers[0].offset_seconds").isEqualTo(7200)
                .jsonPath("$.linked_to").doesNotExist()
                .jsonPath("$.dependencies").doesNotExist()
                .jsonPath("$.attachment_count").isEqualTo(2)
                .jsonPath("$.attachments[*].id").isEqualTo(List.of("att-photo", "att-rota"))
                .jsonPath("$.attachments[0].url").isEqualTo("https://files.example.com/p.jpg")
                .jsonPath("$.attachments[0].storage_key").doesNotExist()
                .jsonPath("$.attachments[1].storage_key").isEqualTo("rota/606001.pdf")
                .jsonPath("$.attachments[1].media_type").isEqualTo("application/pdf")
                .jsonPath("$.attachments[1].size_bytes").isEqualTo(4096)
                .jsonPath("$.can_reschedule").isEqualTo(true);

        client.get().uri("/api/v1/schedules/{id}", SUPERVISOR.value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.linked_to.item_id").isEqualTo(CORE.value())
                .jsonPath("$.linked_to.offset_seconds").isEqualTo(7200)
                .jsonPath("$.followers").doesNotExist()
                .jsonPath("$.dependencies").isEqualTo(List.of(CORE.value()))
                .jsonPath("$.attachment_count").isEqualTo(0)
                .jsonPath("$.attachments").doesNotExist()
                // A follower moves only with its primary.
                .jsonPath("$.can_reschedule").isEqualTo(false);
    }

    @Test
    void anUnlinkedFollowerCanBeRescheduledAgain() {
        readModels.given(new ItemUnlinked(SUPERVISOR, BALLROOM, SUPERVISOR_START, SUPERVISOR_START.plus(1, ChronoUnit.HOURS),
                LinkRole.FOLLOWER, CORE), new ItemUnlinked(CORE, BALLROOM, START, START.plus(1, ChronoUnit.HOURS), LinkRole.PRIMARY, SUPERVISOR));

        client.get().uri("/api/v1/schedules/{id}", SUPERVISOR.value()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.linked_to").doesNotExist().jsonPath("$.can_reschedule").isEqualTo(true);
        client.get().uri("/api/v1/schedules/{id}", CORE.value()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.followers").doesNotExist().jsonPath("$.attachment_count").isEqualTo(2);
    }

    @Test
    void entriesAndCalendarViewsCountAttachmentsAndNameLinks() {
        client.get().uri("/api/v1/calendars/{id}/entries?from={from}&till={till}", BALLROOM.value(), START, START.plus(1, ChronoUnit.DAYS))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.entries[0].id").isEqualTo(CORE.value())
                .jsonPath("$.entries[0].attachment_count").isEqualTo(2)
                .jsonPath("$.entries[0].followers").isEqualTo(List.of(SUPERVISOR.value()))
                .jsonPath("$.entries[0].linked_to").doesNotExist()
                .jsonPath("$.entries[1].id").isEqualTo(SUPERVISOR.value())
                .jsonPath("$.entries[1].attachment_count").isEqualTo(0)
                .jsonPath("$.entries[1].linked_to").isEqualTo(CORE.value())
                .jsonPath("$.entries[1].dependencies").isEqualTo(List.of(CORE.value()));

        client.get().uri("/api/v1/calendars/{id}/daily?date={date}&timezone=UTC", BALLROOM.value(), DAY)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.days[0].entries[0].attachment_count").isEqualTo(2)
                .jsonPath("$.days[0].entries[1].linked_to").isEqualTo(CORE.value());
    }

    @Test
    void theDetailedDayGivesDependenciesAndPutsCountsAndLinksInMetadata() {
        byte[] body = client.get().uri("/api/v1/schedules/detailed?date={date}&timezone=UTC", DAY)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.jobs[*].id").isEqualTo(List.of(CORE.value(), SUPERVISOR.value()))
                .jsonPath("$.jobs[0].dependencies").isEmpty()
                .jsonPath("$.jobs[0].metadata.attachment_count").isEqualTo(2)
                .jsonPath("$.jobs[0].metadata.has_attachments").isEqualTo(true)
                .jsonPath("$.jobs[0].metadata.followers").isEqualTo(List.of(SUPERVISOR.value()))
                .jsonPath("$.jobs[0].can_reschedule").isEqualTo(true)
                .jsonPath("$.jobs[1].dependencies").isEqualTo(List.of(CORE.value()))
                .jsonPath("$.jobs[1].metadata.attachment_count").isEqualTo(0)
                .jsonPath("$.jobs[1].metadata.has_attachments").isEqualTo(false)
                .jsonPath("$.jobs[1].metadata.linked_to").isEqualTo(CORE.value())
                .jsonPath("$.jobs[1].can_reschedule").isEqualTo(false)
                .returnResult().getResponseBody();

        JsonNode day = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        for (JsonNode job : day.get("jobs")) {
            assertThat(JsonSchemas.f033Errors("ScheduledJob", job.toString())).as(job.toString()).isEmpty();
        }
    }
}
