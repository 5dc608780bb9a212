package dev.almanac.query.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import dev.almanac.events.Topics;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.projection.Projections;

/** The stream's Kafka reader on a MockConsumer, over the store's projected offsets in in-memory MongoDB. */
class StreamReaderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration FIRST_RETRY = Duration.ofMillis(300);

    private final MongoDatabase database = InMemoryMongo.freshDatabase("stream_reader");
    private final Projections projections = new Projections(database, Duration.ofSeconds(5));
    private final List<Disposable> streams = new ArrayList<>();
    private StreamHub hub = hub(Duration.ofMinutes(10));
    private StreamReader reader;

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.stop();
        }
        streams.forEach(Disposable::dispose);
        projections.destroy();
    }

    @Test
    void afterAFailureItWaitsLongerEachTimeHoweverManyStreamsOpenedMeanwhile() {
        List<Long> created = new CopyOnWriteArrayList<>();
        reader = reader(() -> {
            created.add(System.nanoTime());
            PacedConsumer failing = consumerOfEveryTopic(Map.of());
            failing.setPollException(new KafkaException("the broker went away"));
            return failing;
        });
        IntStream.range(0, 20).forEach(calendar -> streams.add(hub.subscribe(Set.of("cal-" + calendar), null).subscribe()));
        await().atMost(WAIT).until(() -> hub.joining() == 20);

        reader.start();

        await().atMost(WAIT).until(() -> created.size() >= 3);
        assertThat(Duration.ofNanos(created.get(1) - created.get(0))).isGreaterThanOrEqualTo(FIRST_RETRY);
        assertThat(Duration.ofNanos(created.get(2) - created.get(1))).isGreaterThanOrEqualTo(FIRST_RETRY.multipliedBy(2));
    }

    @Test
    void withNobodyListeningItWaitsForASubscriptionWithoutWaking() {
        AtomicInteger created = new AtomicInteger();
        PacedConsumer kafka = consumerOfEveryTopic(Map.of());
        reader = reader(() -> {
            created.incrementAndGet();
            return kafka;
        });
        reader.start();

        // Parked without a timeout (WAITING), not waking each second to look again (TIMED_WAITING).
        await().atMost(WAIT).until(() -> readerThread().map(Thread::getState).orElse(null) == Thread.State.WAITING);
        assertThat(created).hasValue(0);

        streams.add(hub.subscribe(Set.of("cal-a"), null).subscribe());
        await().atMost(WAIT).until(() -> kafka.polls() > 1);
        assertThat(created).hasValue(1);
    }

    private static java.util.Optional<Thread> readerThread() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith("stream-reader-")).findFirst();
    }

    @Test
    void itClosesItsConsumerWhenStopped() {
        PacedConsumer kafka = consumerOfEveryTopic(Map.of());
        reader = reader(() -> kafka);
        streams.add(hub.subscribe(Set.of("cal-a"), null).subscribe());
        reader.start();
        await().atMost(WAIT).until(() -> kafka.polls() > 1);

        reader.stop();

        assertThat(kafka.closed()).isTrue();
    }

    @Test
    void itClosesItsConsumerOnceNoCalendarIsWatchedAndOpensAnotherForTheNextStream() {
        hub = hub(Duration.ofMillis(1));
        List<PacedConsumer> created = new CopyOnWriteArrayList<>();
        reader = reader(() -> {
            PacedConsumer kafka = consumerOfEveryTopic(Map.of());
            created.add(kafka);
            return kafka;
        });
        Disposable stream = hub.subscribe(Set.of("cal-a"), null).subscribe();
        reader.start();
        await().atMost(WAIT).until(() -> created.size() == 1 && created.get(0).polls() > 1);

        stream.dispose();

        await().atMost(WAIT).until(() -> created.get(0).closed());
        int polls = created.get(0).polls();
        streams.add(hub.subscribe(Set.of("cal-a"), null).subscribe());
        await().atMost(WAIT).until(() -> created.size() == 2 && created.get(1).polls() > 1);
        assertThat(created.get(0).polls()).as("nothing read while no calendar was watched").isEqualTo(polls);
    }

    @Test
    void itStartsEachPartitionWhereTheStoreStopsHoldingIt() {
        TopicPartition partlyHeld = new TopicPartition(Topics.SCHEDULE, 0);
        TopicPartition whollyHeld = new TopicPartition(Topics.SCHEDULE, 1);
        TopicPartition neverHeld = new TopicPartition(Topics.SCHEDULE, 2);
        Mono.from(database.getCollection("projected_offsets").insertMany(List.of(
                new Document("_id", Topics.SCHEDULE + "/0").append("through", 19L),
                new Document("_id", Topics.SCHEDULE + "/1").append("through", 29L)))).block(WAIT);
        PacedConsumer kafka = consumerOfEveryTopic(Map.of(partlyHeld, 50L, whollyHeld, 30L, neverHeld, 40L));
        reader = reader(() -> kafka);
        streams.add(hub.subscribe(Set.of("cal-a"), null).subscribe());

        reader.start();

        await().atMost(WAIT).until(() -> kafka.polls() > 1);
        assertThat(kafka.position(partlyHeld)).as("the first offset the store lacks").isEqualTo(20L);
        assertThat(kafka.position(whollyHeld)).as("held to its end").isEqualTo(30L);
        assertThat(kafka.position(neverHeld)).as("held nothing of: its end").isEqualTo(40L);
    }

    private StreamHub hub(Duration recentAge) {
        return new StreamHub(100, 100, 1000, 100, recentAge, new SimpleMeterRegistry(), Clock.systemUTC());
    }

    private StreamReader reader(Supplier<Consumer<String, byte[]>> consumers) {
        return new StreamReader(hub, projections, consumers, Duration.ofMillis(200), Duration.ofSeconds(5), FIRST_RETRY);
    }

    /** A consumer that knows every followed topic, with one partition of each at offset 0 unless {@code ends} names others. */
    private static PacedConsumer consumerOfEveryTopic(Map<TopicPartition, Long> ends) {
        PacedConsumer kafka = new PacedConsumer();
        for (String topic : StreamReader.topics()) {
            List<TopicPartition> partitions = ends.keySet().stream().filter(partition -> partition.topic().equals(topic)).toList();
            if (partitions.isEmpty()) {
                partitions = List.of(new TopicPartition(topic, 0));
            }
            kafka.updatePartitions(topic, partitions.stream()
                    .map(partition -> new PartitionInfo(topic, partition.partition(), null, null, null)).toList());
            partitions.forEach(partition -> kafka.updateEndOffsets(Map.of(partition, ends.getOrDefault(partition, 0L))));
        }
        return kafka;
    }

    /** A MockConsumer whose poll waits up to its timeout when there is nothing to read, and ends at a wakeup, as KafkaConsumer's does. */
    private static final class PacedConsumer extends MockConsumer<String, byte[]> {

        private final Semaphore woken = new Semaphore(0);
        private final AtomicInteger polls = new AtomicInteger();

        private PacedConsumer() {
            super("latest");
        }

        @Override
        public ConsumerRecords<String, byte[]> poll(Duration timeout) {
            polls.incrementAndGet();
            ConsumerRecords<String, byte[]> records = super.poll(Duration.ZERO);
            if (!records.isEmpty()) {
                return records;
            }
            // Through an interrupt, so that a stop ends it by its wakeup alone, as whichever of the two came first would.
            boolean interrupted = false;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                try {
                    woken.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    break;
                } catch (InterruptedException interruption) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return super.poll(Duration.ZERO);
        }

        @Override
        public synchronized void wakeup() {
            super.wakeup();
            woken.release();
        }

        int polls() {
            return polls.get();
        }
    }
}
