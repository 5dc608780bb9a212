package dev.almanac.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;

/**
 * What skipping rule-expander's occurrences by their header costs query-service (ADR 0068): issue 68's 8.19 million
 * records of 10,000 rules ({@code almanac.bench.records}) handed to the occurrences' listener in polls of 5,000, each
 * record as rule-expander's codec makes it (the value, the envelope headers, {@code almanac_rule_derived}); the listener
 * reads each one's headers, decodes none, and raises the store's offsets once a poll. Kafka's own fetch is not in it. Not
 * part of the normal build; run it with
 * <pre>
 * ./mvnw -B -o -pl query-service -am test -Dtest=OccurrenceSkipBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dalmanac.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class OccurrenceSkipBenchmarkTest {

    private static final EventCodec CODEC = new EventCodec(AlmanacJson.eventMapper());
    private static final int POLL = 5_000;
    private static final int DISTINCT = 50_000;

    @Test
    void skipsSeedScaleOccurrencesByTheirHeader() {
        long records = Long.getLong("almanac.bench.records", 8_190_000L);
        List<ConsumerRecord<String, byte[]>> pool = pool();
        Projections projections = new Projections(InMemoryMongo.freshDatabase("skip_bench"), Duration.ofMinutes(1));
        ProjectionListener listener = new ProjectionListener(CODEC, projections, new SimpleMeterRegistry());

        long checks = 0;
        long started = System.nanoTime();
        for (int round = 0; round < 20; round++) {
            for (ConsumerRecord<String, byte[]> record : pool) {
                checks += EventCodec.isRuleDerived(record) ? 1 : 0;
            }
        }
        double headerNanos = (System.nanoTime() - started) / (double) (20L * pool.size());
        assertThat(checks).isEqualTo(20L * pool.size());

        for (int warm = 0; warm < 10; warm++) {
            listener.onOccurrences(pool.subList(0, POLL));
        }
        started = System.nanoTime();
        long fed = 0;
        while (fed < records) {
            int from = (int) (fed % DISTINCT);
            listener.onOccurrences(pool.subList(from, from + POLL));
            fed += POLL;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double recordBytes = pool.stream().mapToLong(record -> record.serializedValueSize() + (record.key() == null ? 0 : record.key().length())
                + Arrays.stream(record.headers().toArray()).mapToLong(header -> header.key().length() + header.value().length).sum())
                .average().orElseThrow();
        System.out.printf("BENCH a record: %.0f bytes of key, value and headers, uncompressed; %,.1f GB for %,d records%n", recordBytes,
                recordBytes * records / 1e9, records);
        System.out.printf("BENCH header check alone: %.0f ns a record%n", headerNanos);
        System.out.printf("BENCH the occurrences' listener skipped %,d rule-derived records in %.1f s: %,.0f records/s, %.0f ns a record "
                + "(polls of %,d; one offsets write a poll)%n", fed, seconds, fed / seconds, seconds * 1e9 / fed, POLL);
    }

    /** Distinct records as rule-expander publishes them: an hourly rule's occurrences, with its codec's headers. */
    private static List<ConsumerRecord<String, byte[]>> pool() {
        RuleCreated rule = RecurringRules.rule("rule-bench", "cal-bench", "7 * * * *", ZoneId.of("Europe/Berlin"),
                Instant.parse("2026-01-01T00:00:00Z"), 0);
        List<ConsumerRecord<String, byte[]>> pool = new ArrayList<>(DISTINCT);
        // A few hours more than needed: the zone's spring gaps leave out an hour a year.
        List<OccurrenceMaterialized> occurrences = RecurringRules.materialised(rule, 0, rule.activeFrom(),
                rule.activeFrom().plus(Duration.ofHours(DISTINCT + 48)));
        for (int i = 0; i < DISTINCT; i++) {
            OccurrenceMaterialized occurrence = occurrences.get(i);
            ProducerRecord<String, byte[]> produced = CODEC.toRecord(Received.metadata(occurrence, 0, occurrence.resolvedAt()), occurrence);
            pool.add(new ConsumerRecord<>(produced.topic(), i % 3, i, 0L, TimestampType.CREATE_TIME, 0, produced.value().length,
                    produced.key(), produced.value(), produced.headers(), Optional.empty()));
        }
        return pool;
    }
}
