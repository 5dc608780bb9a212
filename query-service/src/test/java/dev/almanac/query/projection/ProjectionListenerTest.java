package dev.almanac.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;

/** The listener's side of a poll that holds a poison record: what it writes, and where it tells the container to stop. */
class ProjectionListenerTest {

    private static final EventCodec CODEC = new EventCodec(AlmanacJson.eventMapper());
    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");

    private final MockClock clock = new MockClock();
    // The services' registry: a simple one drops histogram buckets.
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);

    @Test
    void writesTheRecordsBeforeAPoisonRecordAndNamesItsIndex() {
        MongoDatabase database = InMemoryMongo.freshDatabase("listener_poison");
        ProjectionListener listener = new ProjectionListener(CODEC, new Projections(database, Duration.ofSeconds(10)), meters,
                new ReadModelCatchUp(Map::of));
        List<ConsumerRecord<String, byte[]>> poll = new ArrayList<>();
        poll.add(record(ReadModelFixture.item("before-1", "cal-a", "job", NINE, Duration.ofHours(1)), 0));
        poll.add(record(ReadModelFixture.item("before-2", "cal-a", "job", NINE.plusSeconds(3600), Duration.ofHours(1)), 1));
        poll.add(poison(2));
        poll.add(record(ReadModelFixture.item("after", "cal-a", "job", NINE.plusSeconds(7200), Duration.ofHours(1)), 3));

        assertThatThrownBy(() -> listener.on(poll))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failure -> {
                    assertThat(failure.getIndex()).isEqualTo(2);
                    assertThat(failure.getCause()).isInstanceOf(PoisonMessageException.class);
                });

        assertThat(Mongo.all(database, Entries.COLLECTION)).extracting(document -> document.getString("_id"))
                .containsExactly("before-1", "before-2");
    }

    @Test
    void aRecordTheReadModelsCannotStoreIsNamedAloneAndTheRecordsBeforeItAreWritten() {
        MongoDatabase database = InMemoryMongo.freshDatabase("listener_unstorable");
        ProjectionListener listener = new ProjectionListener(CODEC, new Projections(database, Duration.ofSeconds(10)), meters,
                new ReadModelCatchUp(Map::of));
        RuleCreated sample = EventSamples.ruleCreated();
        RuleCreated unstorable = new RuleCreated(RuleId.of("rule-big"), sample.name(), sample.cron(), sample.timezone(),
                sample.calendarId(), sample.durationSeconds(), sample.activeFrom(), sample.dstPolicy(),
                new JobTemplate("job", Map.of("big", new BigInteger("99999999999999999999999")), null, null),
                sample.options(), sample.metadata());
        List<ConsumerRecord<String, byte[]>> poll = List.of(
                record(ReadModelFixture.item("before-1", "cal-a", "job", NINE, Duration.ofHours(1)), 0),
                record(ReadModelFixture.item("before-2", "cal-a", "job", NINE.plusSeconds(3600), Duration.ofHours(1)), 1),
                record(unstorable, 2),
                record(ReadModelFixture.item("after", "cal-a", "job", NINE.plusSeconds(7200), Duration.ofHours(1)), 3));

        assertThatThrownBy(() -> listener.on(poll))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failure -> {
                    assertThat(failure.getIndex()).isEqualTo(2);
                    assertThat(failure.getCause()).isInstanceOf(PoisonMessageException.class)
                            .hasMessageContaining("cannot store");
                });
        assertThat(Mongo.all(database, Entries.COLLECTION)).extracting(document -> document.getString("_id"))
                .contains("before-1", "before-2");
    }

    @Test
    void aPollWithoutPoisonIsWrittenWhole() {
        MongoDatabase database = InMemoryMongo.freshDatabase("listener_whole");
        ProjectionListener listener = new ProjectionListener(CODEC, new Projections(database, Duration.ofSeconds(10)), meters,
                new ReadModelCatchUp(Map::of));

        clock.add(Duration.ofSeconds(100));
        long now = clock.wallTime();

        listener.on(List.of(record(ReadModelFixture.item("one", "cal-a", "job", NINE, Duration.ofHours(1)), 0, now - 3_000),
                record(ReadModelFixture.item("two", "cal-a", "job", NINE, Duration.ofHours(1)), 1, now - 500)));

        assertThat(Mongo.all(database, Entries.COLLECTION)).hasSize(2);
        assertThat(meters.get("almanac.projection.batches").tag("listener", "facts").timer().count()).isEqualTo(1);
        assertThat(meters.get("almanac.projection.batches").tag("listener", "facts").timer().takeSnapshot().histogramCounts())
                .as("Prometheus buckets, as for staleness").isNotEmpty();
        assertThat(meters.get("almanac.projection.batch.records").tag("listener", "facts").summary().totalAmount()).isEqualTo(2);
        assertThat(meters.get("almanac.projection.staleness").tag("listener", "facts").timer().max(TimeUnit.MILLISECONDS))
                .as("the oldest record was taken by Kafka 3 s before its batch was written").isEqualTo(3_000);
        assertThat(meters.get("almanac.projection.staleness").tag("listener", "facts").timer().takeSnapshot().histogramCounts())
                .as("Prometheus buckets past the 30 s AlmanacReadModelsStale reads")
                .anySatisfy(bucket -> assertThat(bucket.bucket(TimeUnit.SECONDS)).isGreaterThan(30));
    }

    private static ConsumerRecord<String, byte[]> record(AlmanacEvent event, long offset) {
        return record(event, offset, 0L);
    }

    private static ConsumerRecord<String, byte[]> record(AlmanacEvent event, long offset, long timestamp) {
        ProducerRecord<String, byte[]> produced = CODEC.toRecord(Received.metadata(event, 0, Received.TIME), event);
        return new ConsumerRecord<>(produced.topic(), 0, offset, timestamp, TimestampType.CREATE_TIME, 0, produced.value().length,
                produced.key(), produced.value(), produced.headers(), Optional.empty());
    }

    /** Valid headers of an item, but a value that is not its JSON. */
    private static ConsumerRecord<String, byte[]> poison(long offset) {
        ConsumerRecord<String, byte[]> valid = record(ReadModelFixture.item("poison", "cal-a", "job", NINE, Duration.ofHours(1)), offset);
        byte[] broken = "{\"item_id\": 42".getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>(valid.topic(), 0, offset, 0L, TimestampType.CREATE_TIME, 0, broken.length, valid.key(), broken,
                valid.headers(), Optional.empty());
    }
}
