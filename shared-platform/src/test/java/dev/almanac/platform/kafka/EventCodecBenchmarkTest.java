package dev.almanac.platform.kafka;

import static dev.almanac.platform.kafka.EventCodecTest.consumed;
import static dev.almanac.platform.kafka.EventCodecTest.metadataFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.platform.json.AlmanacJson;

/**
 * The CPU one thread spends decoding a record as conflict-detector's intake does ({@link EventCodec#fromRecord}: the
 * envelope's headers, the event's JSON, the required fields), for the two facts its benchmark sends, an occurrence
 * and an item, alternately; Kafka's fetching left out. Rounds of {@code almanac.bench.records} (200,000) records after
 * as many rounds of warm-up; it prints each round's CPU per record and their median. Gated: {@code -Dalmanac.bench=true}.
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class EventCodecBenchmarkTest {

    private static final int ROUNDS = 7;

    @Test
    void decodesTheIntakesRecords() {
        int records = Integer.getInteger("almanac.bench.records", 200_000);
        EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
        List<ConsumerRecord<String, byte[]>> facts = new ArrayList<>();
        for (AlmanacEvent event : List.of(EventSamples.occurrenceMaterialized(), EventSamples.itemScheduled())) {
            facts.add(consumed(codec.toRecord(metadataFor(event), event)));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> perRecord = new ArrayList<>();
        long decoded = 0;
        for (int round = 0; round < 2 * ROUNDS; round++) {
            long began = threads.getCurrentThreadCpuTime();
            for (int index = 0; index < records; index++) {
                decoded += codec.fromRecord(facts.get(index & 1)).metadata().aggregateVersion();
            }
            double nanos = (double) (threads.getCurrentThreadCpuTime() - began) / records;
            if (round >= ROUNDS) {
                perRecord.add(nanos);
            }
            System.out.printf("round %d%s: %.0f ns of CPU per record%n", round + 1, round < ROUNDS ? " (warm-up)" : "", nanos);
        }
        List<Double> sorted = perRecord.stream().sorted().toList();
        System.out.printf("EventCodec.fromRecord, %,d records a round: median %.0f ns, least %.0f ns of CPU per record%n",
                records, sorted.get(sorted.size() / 2), sorted.get(0));
        assertThat(decoded).isEqualTo(2L * ROUNDS * records * 4);
    }
}
