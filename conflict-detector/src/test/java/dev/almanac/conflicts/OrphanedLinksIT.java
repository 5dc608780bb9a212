package dev.almanac.conflicts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.almanac.conflicts.intake.LinkSides;
import dev.almanac.conflicts.link.OrphanedLinks;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.LinkProblem;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.LinkRole;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.kafka.AlmanacKafkaAutoConfiguration;
import dev.almanac.platform.testing.JsonSchemas;
import dev.almanac.platform.testing.TopicReader;

/**
 * A linked pair on the embedded broker: the primary's calendar, the follower's calendar and the
 * primary's id fall on three different partitions, so each item's side of the link crosses to the
 * pair's task through the link topic. A pair moved together is no orphan; a primary moved alone is,
 * once the grace has run out; the follower moved to the offset clears it.
 */
class OrphanedLinksIT extends IntegrationTestSupport {

    private static final int PARTITIONS = AlmanacKafkaAutoConfiguration.DEFAULT_PARTITIONS;
    private static final long OFFSET = 7_200;

    private TopicReader conflicts;
    private TopicReader sides;
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @BeforeEach
    void readConflicts() {
        conflicts = new TopicReader(bootstrapServers(), Topics.CONFLICTS);
        sides = new TopicReader(bootstrapServers(), LinkSides.TOPIC);
    }

    @AfterEach
    void stopReading() {
        conflicts.close();
        sides.close();
    }

    @Test
    void aPairMovedTogetherAcrossPartitionsIsNoOrphanAPrimaryMovedAloneIsOneAfterTheGraceAndTheFollowerCatchingUpClearsIt() {
        ItemId primary = ItemId.of("item-" + UUID.randomUUID());
        CalendarId core = calendarOnAnotherPartitionThan(List.of(partition(primary.value())));
        CalendarId supervisors = calendarOnAnotherPartitionThan(List.of(partition(primary.value()), partition(core.value())));
        ItemId follower = ItemId.of("item-" + UUID.randomUUID());
        publish(item(primary, core, "Core visit", "10:00", "12:00"), 0);
        publish(item(follower, supervisors, "Supervisor visit", "12:00", "13:00"), 0);
        publish(new ItemLinked(primary, core, at("10:00"), at("12:00"), LinkRole.PRIMARY, follower, supervisors, OFFSET), 1);
        publish(new ItemLinked(follower, supervisors, at("12:00"), at("13:00"), LinkRole.FOLLOWER, primary, core, OFFSET), 1);
        publish(new ItemRescheduled(primary, core, at("10:00"), at("12:00"), at("11:00"), at("13:00"), null, null, null, null), 2);
        publish(new ItemRescheduled(follower, supervisors, at("12:00"), at("13:00"), at("13:00"), at("14:00"), null, null, primary, null), 2);

        long movedAlone = System.currentTimeMillis();
        publish(new ItemRescheduled(primary, core, at("11:00"), at("13:00"), at("15:00"), at("17:00"), null, null, null, null), 3);

        ConsumerRecord<String, byte[]> detected = await().atMost(PATIENCE)
                .until(() -> pairEvents(primary, follower), records -> !records.isEmpty()).get(0);
        assertThat(System.currentTimeMillis() - movedAlone).as("not before the grace ran out").isGreaterThanOrEqualTo(ORPHAN_GRACE.toMillis());
        assertThat(detected.key()).isEqualTo(core.value());
        assertThat(decode(detected).event()).isInstanceOfSatisfying(ConflictDetected.class, event -> {
            assertThat(event.type()).isEqualTo(ConflictType.ORPHANED_LINK);
            assertThat(event.level()).isEqualTo(ConflictLevel.SEVERE);
            assertThat(event.link().problem()).isEqualTo(LinkProblem.OFFSET_BROKEN);
            assertThat(event.link().followerCalendarId()).isEqualTo(supervisors);
            assertThat(event.entries()).extracting(entry -> entry.entryId() + " " + entry.start())
                    .as("the pair moved together, then the primary alone")
                    .containsExactly(primary + " " + at("15:00"), follower + " " + at("13:00"));
        });
        assertThat(JsonSchemas.errors("classpath:almanac/schemas/dev.almanac.conflict.ConflictDetected.v1.json",
                new String(detected.value(), StandardCharsets.UTF_8))).isEmpty();
        assertThat(sides.awaitRecords(record -> record.key().startsWith(primary + "/"), 5))
                .as("both sides of every change, on the partition of the primary's id")
                .allSatisfy(record -> assertThat(record.partition()).isEqualTo(partition(primary.value())));

        publish(new ItemRescheduled(follower, supervisors, at("13:00"), at("14:00"), at("17:00"), at("18:00"), null, null, primary, null), 3);

        List<ConsumerRecord<String, byte[]>> events = await().atMost(PATIENCE)
                .until(() -> pairEvents(primary, follower), records -> records.size() >= 2);
        assertThat(events).hasSize(2);
        assertThat(decode(events.get(1)).event()).isInstanceOfSatisfying(ConflictCleared.class, cleared -> assertThat(cleared.reason())
                .isEqualTo("follower " + follower + " starts 7200 s after its primary " + primary + " again, as the link says, after item "
                        + follower + " was rescheduled"));
    }

    /**
     * ADR 0030, on three partitions: the manager of the follower's calendar, whose grant is kept on another partition
     * than the pair, moves the orphan of a cancelled primary on over HTTP, someone without a role may not, and the
     * follower's own cancellation, which the API allows once its primary is cancelled, clears it with the reason.
     */
    @Test
    void aCancelledPrimarysOrphanIsMovedOnByTheFollowersCalendarsManagerAndClearedByTheFollowersOwnCancellation() throws Exception {
        ItemId primary = ItemId.of("item-" + UUID.randomUUID());
        CalendarId core = calendarOnAnotherPartitionThan(List.of(partition(primary.value())));
        CalendarId supervisors = calendarOnAnotherPartitionThan(List.of(partition(primary.value()), partition(core.value())));
        ItemId follower = ItemId.of("item-" + UUID.randomUUID());
        publish(new CalendarAccessGranted(supervisors, UserId.of("sue"), CalendarRole.MANAGER, null), 1);
        publish(item(primary, core, "Core visit", "10:00", "12:00"), 0);
        publish(item(follower, supervisors, "Supervisor visit", "12:00", "13:00"), 0);
        publish(new ItemLinked(primary, core, at("10:00"), at("12:00"), LinkRole.PRIMARY, follower, supervisors, OFFSET), 1);
        publish(new ItemLinked(follower, supervisors, at("12:00"), at("13:00"), LinkRole.FOLLOWER, primary, core, OFFSET), 1);
        publish(new ItemCancelled(primary, core, at("10:00"), at("12:00"), "cancelled outside the API"), 2);

        ConsumerRecord<String, byte[]> detected = await().atMost(PATIENCE)
                .until(() -> pairEvents(primary, follower), records -> !records.isEmpty()).get(0);
        assertThat(decode(detected).event()).isInstanceOfSatisfying(ConflictDetected.class,
                event -> assertThat(event.link().problem()).isEqualTo(LinkProblem.PRIMARY_CANCELLED));
        String orphan = OrphanedLinks.conflictId(primary, follower).value();

        HttpResponse<String> refused = escalate(orphan, "victor");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"required_role\":\"manager\"").contains(core.value()).contains(supervisors.value());
        HttpResponse<String> escalated = escalate(orphan, "sue");
        assertThat(escalated.statusCode()).as(escalated.body()).isEqualTo(200);
        assertThat(escalated.body()).contains("\"status\":\"escalated\"").contains("\"by\":\"sue\"");

        publish(new ItemCancelled(follower, supervisors, at("12:00"), at("13:00"), "the core visit was called off"), 2);

        List<ConsumerRecord<String, byte[]>> events = await().atMost(PATIENCE)
                .until(() -> pairEvents(primary, follower), records -> records.size() >= 3);
        assertThat(events).hasSize(3);
        assertThat(decode(events.get(2)).event()).isInstanceOfSatisfying(ConflictCleared.class, cleared -> assertThat(cleared.reason())
                .isEqualTo("primary " + primary + " and follower " + follower + " are both cancelled, after item " + follower
                        + " was cancelled"));
    }

    private HttpResponse<String> escalate(String conflictId, String actor) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/conflicts/" + conflictId + "/escalate"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("If-Match", "\"0\"")
                .header("X-Almanac-User", actor)
                .POST(HttpRequest.BodyPublishers.ofString("{\"escalated_to\": \"venue-managers\", \"reason\": \"nobody follows the core\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<ConsumerRecord<String, byte[]>> pairEvents(ItemId primary, ItemId follower) {
        String id = OrphanedLinks.conflictId(primary, follower).value();
        return conflicts.awaitRecords(record -> id.equals(decode(record).event().subject()), 0);
    }

    private static int partition(String key) {
        return LinkSides.partitionOf(ItemId.of(key), PARTITIONS);
    }

    private static CalendarId calendarOnAnotherPartitionThan(List<Integer> taken) {
        while (true) {
            CalendarId candidate = newCalendar();
            if (!taken.contains(partition(candidate.value()))) {
                return candidate;
            }
        }
    }

    private static ItemScheduled item(ItemId id, CalendarId calendarId, String title, String start, String end) {
        return new ItemScheduled(id, calendarId, title, "visit", at(start), at(end), EventSamples.NEW_YORK, Priority.NORMAL, List.of());
    }

    private static Instant at(String time) {
        return Instant.parse("2026-12-01T" + time + ":00Z");
    }
}
