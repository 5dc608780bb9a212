package dev.almanac.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.almanac.events.Topics;
import dev.almanac.platform.testing.InMemoryMongo;

/** What the stream learns from the store's record of how far it holds each partition (ADR 0038). */
class ProjectedOffsetsTest {

    private static final TopicPartition SCHEDULE = new TopicPartition(Topics.SCHEDULE, 1);
    private static final TopicPartition CONFLICTS = new TopicPartition(Topics.CONFLICTS, 0);

    @Test
    void signalsEachRaiseOnceWrittenAndAnswersWhatItHoldsByPartition() {
        MongoDatabase database = InMemoryMongo.freshDatabase("projected_offsets_through");
        ProjectedOffsets offsets = new ProjectedOffsets(database, Duration.ofSeconds(5));

        StepVerifier.create(offsets.raised().take(1))
                .then(() -> offsets.held(List.of(record(SCHEDULE, 7), record(SCHEDULE, 9), record(CONFLICTS, 2))))
                .expectNext(Map.of(SCHEDULE, 9L, CONFLICTS, 2L))
                .verifyComplete();
        offsets.held(List.of(record(SCHEDULE, 4)));

        StepVerifier.create(offsets.through(List.of(SCHEDULE, CONFLICTS, new TopicPartition(Topics.RUNS, 0))))
                .expectNext(Map.of(SCHEDULE, 9L, CONFLICTS, 2L))
                .verifyComplete();
    }

    /**
     * A store that kept what it held across a restart (the local stack's snapshot, ADR 0100) is read on from the group's
     * committed offsets, not again from 0; a partition it holds less of is read from its first missing record, and one it
     * holds nothing of from 0.
     */
    @Test
    void aStoreThatKeptWhatItHeldIsReadOnFromTheCommittedOffsetsAndNotAgain() {
        MongoDatabase database = InMemoryMongo.freshDatabase("projected_offsets_resumed");
        ProjectedOffsets offsets = new ProjectedOffsets(database, Duration.ofSeconds(5));
        TopicPartition runs = new TopicPartition(Topics.RUNS, 0);
        offsets.held(List.of(record(SCHEDULE, 41), record(CONFLICTS, 6)));

        // The group committed after the store's writes: 42 is the next record of the schedule's partition.
        assertThat(offsets.rewinds(Map.of(SCHEDULE, 42L, CONFLICTS, 10L, runs, 3L)))
                .as("kept: read on from 42; conflicts: the store lacks 7-9; runs: it holds nothing")
                .isEqualTo(Map.of(CONFLICTS, 7L, runs, 0L));
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "cal", new byte[0]);
    }
}
