package dev.almanac.conflicts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.intake.ResourceBookings;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.kafka.AlmanacKafkaAutoConfiguration;
import dev.almanac.platform.testing.JsonSchemas;
import dev.almanac.platform.testing.TopicReader;

/**
 * A resource booked from two calendars, on the embedded broker: the calendars and the resource live
 * on three different partitions, and the bookings cross to the resource's through the booking topic.
 */
class ResourceConflictsIT extends IntegrationTestSupport {

    private static final int PARTITIONS = AlmanacKafkaAutoConfiguration.DEFAULT_PARTITIONS;

    private TopicReader conflicts;
    private TopicReader bookings;

    @BeforeEach
    void readConflicts() {
        conflicts = new TopicReader(bootstrapServers(), Topics.CONFLICTS);
        bookings = new TopicReader(bootstrapServers(), ResourceBookings.TOPIC);
    }

    @AfterEach
    void stopReading() {
        conflicts.close();
        bookings.close();
    }

    @Test
    void aVenueBookedFromTwoCalendarsOnOtherPartitionsIsDetectedOnItsOwnAndClearsWhenABookingGoes() {
        ResourceId hall = ResourceId.of("res-" + UUID.randomUUID());
        CalendarId weddings = calendarOnAnotherPartitionThan(List.of(partition(hall.value())));
        CalendarId galas = calendarOnAnotherPartitionThan(List.of(partition(hall.value()), partition(weddings.value())));
        publish(new ResourceCreated(hall, "Grand hall", ResourceType.VENUE, EventSamples.NEW_YORK, null), 0);
        String wedding = "item-" + weddings + "-wedding";
        String gala = "item-" + galas + "-gala";
        long sentAt = System.currentTimeMillis();
        publish(booking(weddings, wedding, "Wedding", "2026-12-01T15:00:00Z", "2026-12-01T18:00:00Z", hall, ResourceRole.PRIMARY), 0);
        publish(booking(galas, gala, "Gala", "2026-12-01T17:00:00Z", "2026-12-01T20:00:00Z", hall, ResourceRole.PRIMARY), 0);

        ConsumerRecord<String, byte[]> detected = await().atMost(PATIENCE)
                .until(() -> resourceConflicts(hall), records -> !records.isEmpty()).get(0);
        // Whichever booking reached the resource second caused the conflict: the two calendars' partitions have no order.
        assertThat(detected.timestamp()).as("the conflict carries its cause's timestamp").isGreaterThanOrEqualTo(sentAt);
        assertThat(decode(detected).event()).isInstanceOfSatisfying(ConflictDetected.class, event -> {
            assertThat(event.type()).isEqualTo(ConflictType.VENUE_CONFLICT);
            assertThat(event.level()).isEqualTo(ConflictLevel.CRITICAL);
            assertThat(event.entries()).extracting(entry -> entry.entryId()).containsExactlyInAnyOrder(wedding, gala);
            assertThat(detected.key()).isEqualTo(event.calendarId().value());
        });
        assertThat(JsonSchemas.errors("classpath:almanac/schemas/dev.almanac.conflict.ConflictDetected.v1.json",
                new String(detected.value(), StandardCharsets.UTF_8))).isEmpty();
        assertThat(await().atMost(PATIENCE).until(() -> bookings.withKey(hall + "/item:" + wedding), records -> !records.isEmpty()))
                .singleElement()
                .satisfies(record -> assertThat(record.partition()).as("the resource's partition").isEqualTo(partition(hall.value())));

        publish(new ResourceMarkedUnavailable(hall, Instant.parse("2026-12-01T19:00:00Z"), Instant.parse("2026-12-01T22:00:00Z"),
                "Cleaning"), 1);
        await().atMost(PATIENCE).until(() -> resourceConflicts(hall), records -> records.size() >= 2);

        publish(new ItemCancelled(ItemId.of(gala), galas, Instant.parse("2026-12-01T17:00:00Z"), Instant.parse("2026-12-01T20:00:00Z"),
                null), 1);

        // The two conflicts may be keyed by different calendars, so only each one's own events are in order.
        List<ConsumerRecord<String, byte[]>> all = await().atMost(PATIENCE)
                .until(() -> resourceConflicts(hall), records -> records.size() >= 4);
        assertThat(all).extracting(record -> decode(record).event().getClass().getSimpleName())
                .containsExactlyInAnyOrder("ConflictDetected", "ConflictDetected", "ConflictCleared", "ConflictCleared");
        assertThat(all).map(record -> decode(record).event()).filteredOn(ConflictDetected.class::isInstance)
                .map(ConflictDetected.class::cast).filteredOn(event -> event.type() == ConflictType.RESOURCE_UNAVAILABLE)
                .singleElement().satisfies(event -> {
                    assertThat(event.calendarId()).isEqualTo(galas);
                    assertThat(event.entries()).extracting(entry -> entry.entryId() + "/" + entry.title())
                            .containsExactly(gala + "/Gala", "2026-12-01T19:00:00Z/Cleaning");
                });
        assertThat(all).map(record -> decode(record).event()).filteredOn(ConflictCleared.class::isInstance)
                .extracting(event -> ((ConflictCleared) event).reason())
                .hasSize(2).allSatisfy(reason -> assertThat(reason).endsWith("after item " + gala + " was cancelled"));
    }

    @Test
    void aBookingOverARangeMarkedUnavailableClearsWhenTheResourceIsMarkedAvailableAgain() {
        ResourceId projector = ResourceId.of("res-" + UUID.randomUUID());
        CalendarId talks = newCalendar();
        publish(new ResourceCreated(projector, "Projector", ResourceType.EQUIPMENT, EventSamples.NEW_YORK, null), 0);
        publish(new ResourceMarkedUnavailable(projector, Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T12:00:00Z"),
                "Repair"), 1);
        String talk = "item-" + talks + "-talk";

        publish(booking(talks, talk, "Talk", "2026-12-01T11:00:00Z", "2026-12-01T13:00:00Z", projector, ResourceRole.SECONDARY), 0);

        ConsumerRecord<String, byte[]> detected = await().atMost(PATIENCE)
                .until(() -> resourceConflicts(projector), records -> !records.isEmpty()).get(0);
        assertThat(decode(detected).event()).isInstanceOfSatisfying(ConflictDetected.class, event -> {
            assertThat(event.type()).isEqualTo(ConflictType.RESOURCE_UNAVAILABLE);
            assertThat(event.level()).isEqualTo(ConflictLevel.MODERATE);
            assertThat(event.calendarId()).isEqualTo(talks);
        });

        publish(new ResourceMarkedAvailable(projector, Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T12:00:00Z"),
                List.of(new UnavailableRange(Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T12:00:00Z"), "Repair")),
                "Fixed early"), 2);

        ConsumerRecord<String, byte[]> cleared = await().atMost(PATIENCE)
                .until(() -> resourceConflicts(projector), records -> records.size() >= 2).get(1);
        assertThat(((ConflictCleared) decode(cleared).event()).reason()).endsWith(
                "after resource " + projector + " was marked available from 2026-12-01T09:00:00Z to 2026-12-01T12:00:00Z");
    }

    /** The events of the resource's conflicts, on any key: its detections, and every later event of a conflict they name. */
    private List<ConsumerRecord<String, byte[]>> resourceConflicts(ResourceId resource) {
        List<ConsumerRecord<String, byte[]>> seen = conflicts.awaitRecords(record -> true, 0);
        java.util.Set<String> ids = new java.util.HashSet<>();
        seen.stream().map(this::decode).filter(received -> received.event() instanceof ConflictDetected detected
                        && resource.equals(detected.resourceId()))
                .forEach(received -> ids.add(received.event().subject()));
        return seen.stream().filter(record -> ids.contains(decode(record).event().subject())).toList();
    }

    private static int partition(String key) {
        return ResourceBookings.partitionOf(ResourceId.of(key), PARTITIONS);
    }

    private static CalendarId calendarOnAnotherPartitionThan(List<Integer> taken) {
        while (true) {
            CalendarId candidate = newCalendar();
            if (!taken.contains(partition(candidate.value()))) {
                return candidate;
            }
        }
    }

    private static ItemScheduled booking(CalendarId calendarId, String itemId, String title, String start, String end,
                                         ResourceId resource, ResourceRole role) {
        return new ItemScheduled(ItemId.of(itemId), calendarId, title, "meeting", Instant.parse(start), Instant.parse(end),
                EventSamples.NEW_YORK, Priority.NORMAL, List.of(), null, List.of(new ResourceBooking(resource, role)), null, null);
    }
}
