package dev.almanac.conflicts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.events.EventSamples;
import dev.almanac.events.Identifiers;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.JsonSchemas;
import dev.almanac.platform.testing.TopicReader;

/** Real records in, real records out: what a consumer of almanac.conflicts.v1 sees. */
class ConflictLifecycleIT extends IntegrationTestSupport {

    private static final Logger log = LoggerFactory.getLogger(ConflictLifecycleIT.class);

    private TopicReader conflicts;

    @BeforeEach
    void readConflicts() {
        conflicts = new TopicReader(bootstrapServers(), Topics.CONFLICTS);
    }

    @AfterEach
    void stopReading() {
        conflicts.close();
    }

    @Test
    void twoOverlappingItemsRaiseAConflictAndMovingOneAwayClearsIt() {
        CalendarId ballroom = newCalendar();
        publish(calendarCreated(ballroom, CalendarType.VENUE, 1), 0);
        String review = "item-" + ballroom + "-review";
        String gala = "item-" + ballroom + "-gala";
        publish(itemScheduled(ballroom, review, "Quarterly review", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z"), 0);
        ItemScheduled galaScheduled = itemScheduled(ballroom, gala, "Gala", "2026-12-01T15:30:00Z", "2026-12-01T18:00:00Z");
        EventMetadata cause = metadataFor(galaScheduled, 0);
        long sentAt = System.currentTimeMillis();
        publish(cause, galaScheduled);

        ConsumerRecord<String, byte[]> detectedRecord = await().atMost(PATIENCE)
                .until(() -> conflicts.withKey(ballroom.value()), records -> !records.isEmpty()).get(0);
        log.info("ItemScheduled to ConflictDetected seen after {} ms", System.currentTimeMillis() - sentAt);
        assertThat(detectedRecord.timestamp()).as("the conflict carries its cause's timestamp").isGreaterThanOrEqualTo(sentAt);

        ReceivedEvent detected = decode(detectedRecord);
        String conflictId = Identifiers.derive("conflict", ballroom.value(), "item:" + gala, "item:" + review);
        assertThat(detected.event()).isInstanceOfSatisfying(ConflictDetected.class, event -> {
            assertThat(event.conflictId().value()).isEqualTo(conflictId);
            assertThat(event.type()).isEqualTo(ConflictType.VENUE_CONFLICT);
            assertThat(event.level()).isEqualTo(ConflictLevel.CRITICAL);
            assertThat(event.start()).isEqualTo(Instant.parse("2026-12-01T15:30:00Z"));
            assertThat(event.end()).isEqualTo(Instant.parse("2026-12-01T16:00:00Z"));
            assertThat(event.entries()).extracting(entry -> entry.entryId() + "/" + entry.title())
                    .containsExactly(gala + "/Gala", review + "/Quarterly review");
        });
        assertThat(detected.metadata()).isEqualTo(new EventMetadata(
                Identifiers.derive("conflict-event", conflictId, "0"), "dev.almanac.conflict.ConflictDetected.v1",
                "/almanac/conflict-detector", cause.time(), conflictId, 0, cause.actor(), cause.correlationId(), TRACEPARENT));
        assertThat(header(detectedRecord, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(detectedRecord, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(JsonSchemas.errors("classpath:almanac/schemas/dev.almanac.conflict.ConflictDetected.v1.json",
                new String(detectedRecord.value(), StandardCharsets.UTF_8))).isEmpty();

        publish(new ItemRescheduled(ItemId.of(gala), ballroom, galaScheduled.start(), galaScheduled.end(),
                Instant.parse("2026-12-01T16:00:00Z"), Instant.parse("2026-12-01T18:30:00Z"), "clash with the review"), 1);

        List<ConsumerRecord<String, byte[]>> both = await().atMost(PATIENCE)
                .until(() -> conflicts.withKey(ballroom.value()), records -> records.size() >= 2);
        ReceivedEvent cleared = decode(both.get(1));
        assertThat(cleared.event()).isInstanceOfSatisfying(ConflictCleared.class, event -> {
            assertThat(event.conflictId().value()).isEqualTo(conflictId);
            assertThat(event.reason()).isEqualTo("entries no longer overlap, after item " + gala + " was rescheduled");
        });
        assertThat(cleared.metadata().aggregateVersion()).isEqualTo(1);
        assertThat(cleared.metadata().id()).isEqualTo(Identifiers.derive("conflict-event", conflictId, "1"));
        assertThat(JsonSchemas.errors("classpath:almanac/schemas/dev.almanac.conflict.ConflictCleared.v1.json",
                new String(both.get(1).value(), StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void aRedeliveredItemScheduledRecordPublishesNoFurtherConflictEvent() {
        CalendarId ballroom = newCalendar();
        publish(calendarCreated(ballroom, CalendarType.VENUE, 1), 0);
        publish(itemScheduled(ballroom, "item-" + ballroom + "-a", "A", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"), 0);
        ItemScheduled second = itemScheduled(ballroom, "item-" + ballroom + "-b", "B", "2026-12-01T09:30:00Z", "2026-12-01T10:30:00Z");
        EventMetadata secondMetadata = metadataFor(second, 0);
        publish(secondMetadata, second);
        await().atMost(PATIENCE).until(() -> conflicts.withKey(ballroom.value()), records -> records.size() == 1);

        publish(secondMetadata, second);
        // A later clash on the same calendar travels the same partition, so once its conflict
        // is out, the redelivered record before it has been handled.
        publish(itemScheduled(ballroom, "item-" + ballroom + "-c", "C", "2026-12-02T09:00:00Z", "2026-12-02T10:00:00Z"), 0);
        publish(itemScheduled(ballroom, "item-" + ballroom + "-d", "D", "2026-12-02T09:30:00Z", "2026-12-02T10:30:00Z"), 0);

        List<ConsumerRecord<String, byte[]>> records = await().atMost(PATIENCE)
                .until(() -> conflicts.withKey(ballroom.value()), found -> found.size() >= 2);
        assertThat(records).hasSize(2);
        assertThat(records).map(record -> (ConflictDetected) decode(record).event())
                .extracting(event -> event.entries().stream().map(entry -> entry.title()).toList())
                .containsExactly(List.of("A", "B"), List.of("C", "D"));
        assertThat(records).map(record -> header(record, CloudEventHeaders.AGGREGATE_VERSION)).containsOnly("0");
    }

    @Test
    void entriesThatArriveBeforeTheirCalendarAreCheckedWhenTheCalendarArrives() {
        CalendarId studio = newCalendar();
        OccurrenceMaterialized sample = EventSamples.occurrenceMaterialized();
        RuleId rule = RuleId.of("rule-" + studio);
        OccurrenceMaterialized nightly = new OccurrenceMaterialized(OccurrenceId.of(rule, sample.start()), rule, 0, studio,
                "Nightly cleanup", sample.type(), sample.resolvedAt(), sample.start(), sample.end(), sample.timezone(), sample.nominalLocalTime(),
                sample.dstPolicy(), sample.dstResolution(), sample.tzdataVersion());
        publish(nightly, 0);
        publish(itemScheduled(studio, "item-" + studio + "-shoot", "Photo shoot", sample.start().minusSeconds(1800).toString(),
                sample.start().plusSeconds(60).toString()), 0);

        publish(calendarCreated(studio, CalendarType.STAFF, 1), 0);

        ConsumerRecord<String, byte[]> record = await().atMost(PATIENCE)
                .until(() -> conflicts.withKey(studio.value()), records -> !records.isEmpty()).get(0);
        assertThat(decode(record).event()).isInstanceOfSatisfying(ConflictDetected.class, event -> {
            assertThat(event.type()).isEqualTo(ConflictType.STAFF_CONFLICT);
            assertThat(event.level()).isEqualTo(ConflictLevel.MODERATE);
            assertThat(event.start()).isEqualTo(sample.start());
            assertThat(event.end()).isEqualTo(sample.start().plusSeconds(60));
            assertThat(event.entries()).extracting(entry -> entry.kind() + "/" + entry.title())
                    .containsExactlyInAnyOrder("ITEM/Photo shoot", "OCCURRENCE/Nightly cleanup");
        });
    }
}
