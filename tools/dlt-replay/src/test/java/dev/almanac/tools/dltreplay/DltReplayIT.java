package dev.almanac.tools.dltreplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import dev.almanac.conflicts.intake.DetectorDeadLetters;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ServiceDeadLetters;

/**
 * dlt-replay against the embedded broker, on dead letters written by the services' own recoverer
 * and by conflict-detector's own writer. Each test has its own topic pair; the replay group's
 * positions are per topic, so they do not meet.
 */
class DltReplayIT {

    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static final AtomicInteger TRANSACTIONS = new AtomicInteger();
    private static final long RECORD_TIME = 1_795_000_000_000L;
    /** When conflict-detector's task set its records aside, on the task's clock: a while after they were published. */
    private static final Instant DETECTOR_DEAD_LETTERED = Instant.ofEpochMilli(RECORD_TIME).plus(Duration.ofMinutes(7));

    private static String bootstrap;
    private static Admin admin;
    private static KafkaTemplate<String, byte[]> template;

    @BeforeAll
    static void broker() {
        bootstrap = EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers();
        admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer()));
    }

    @AfterAll
    static void close() {
        admin.close();
        template.destroy();
    }

    @Test
    void replaysEachDeadLetterOntoItsTopicAsItWasFirstPublished() throws Exception {
        String topic = topics(3, 2);
        ConsumerRecord<String, byte[]> poison = consumed(topic, 1, 42, "ballroom", "evt-1");
        ConsumerRecord<String, byte[]> failed = consumed(topic, 2, 7, "atrium", "evt-2");
        ServiceDeadLetters.deadLetter(template, poison, listenerFailure(new PoisonMessageException("value is not a valid ItemScheduled")));
        ServiceDeadLetters.deadLetter(template, failed, listenerFailure(new IllegalStateException("no calendar")));

        Summary summary = run("--dlt", topic + ".DLT");

        assertThat(summary.replayed()).isEqualTo(2);
        assertThat(summary.replayedByTopic()).containsExactly(Map.entry(topic, 2));
        assertReplayedAsFirstPublished(topic, List.of(poison, failed));
    }

    /**
     * conflict-detector sets records aside with its own writer, in its tasks' transactions, with the
     * record's timestamp in {@code kafka_dlt-original-timestamp} and the time it gave up on it as the
     * dead letter's.
     */
    @Test
    void listsAndReplaysConflictDetectorsDeadLettersAsItsWriterWroteThem() {
        String topic = topics(4, 1);
        String dlt = topic + ".DLT";
        ConsumerRecord<String, byte[]> misKeyed = consumed(topic, 2, 42, "cal-elsewhere", "evt-1");
        ConsumerRecord<String, byte[]> failed = consumed(topic, 3, 7, "cal-atrium", "evt-2");
        committed(DetectorDeadLetters.deadLetter(misKeyed, DETECTOR_DEAD_LETTERED, new PoisonMessageException("record key "
                        + "cal-elsewhere is not the calendar id cal-ballroom that dev.almanac.schedule.ItemScheduled.v1 is partitioned by")),
                DetectorDeadLetters.deadLetter(failed, DETECTOR_DEAD_LETTERED,
                        new IllegalStateException("handling failed", new ArithmeticException("long overflow"))));
        var out = new ByteArrayOutputStream();

        int exit = DltReplay.main(List.of("--dlt", dlt, "--bootstrap", bootstrap, "--dry-run"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(exit).isZero();
        String times = "record time " + Instant.ofEpochMilli(RECORD_TIME) + ", dead-lettered " + DETECTOR_DEAD_LETTERED;
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("would replay  " + dlt + "-0@0 from " + topic + "-2@42, " + times + " by conflict-detector (poison), "
                        + "key cal-elsewhere, ce_type dev.almanac.schedule.ItemScheduled.v1, ce_id evt-1\n"
                        + "    " + PoisonMessageException.class.getName() + ": record key cal-elsewhere is not the calendar id")
                .contains("would replay  " + dlt + "-0@1 from " + topic + "-3@7, " + times + " by conflict-detector (error), "
                        + "key cal-atrium, ce_type dev.almanac.schedule.ItemScheduled.v1, ce_id evt-2\n"
                        + "    java.lang.IllegalStateException (cause java.lang.ArithmeticException): handling failed")
                .contains("would replay 2, 2 to " + topic);
        assertThat(run("--dlt", dlt, "--dry-run", "--reason", "poison").replayed()).isEqualTo(1);
        assertThat(run("--dlt", dlt, "--dry-run", "--reason", "error").replayed()).isEqualTo(1);
        assertThat(run("--dlt", dlt, "--dry-run", "--reason", "arithmetic").replayed()).as("a cause's class").isEqualTo(1);
        assertThat(endOffset(topic)).as("nothing sent").isZero();

        Summary summary = run("--dlt", dlt);

        assertThat(summary.replayedByTopic()).containsExactly(Map.entry(topic, 2));
        assertReplayedAsFirstPublished(topic, List.of(misKeyed, failed));
        assertThat(groupPosition(dlt, 0)).as("past the transaction's commit marker").hasValue(3L);
        assertThat(summary.toString()).contains(dlt + "-0: read 2 records at offsets 0-1; group");
        assertThat(run("--dlt", dlt).replayed()).isZero();
    }

    @Test
    void aDeadLetterWhoseTransactionWasAbortedIsNotReplayed() {
        String topic = topics(1, 1);
        ConsumerRecord<String, byte[]> ballroom = consumed(topic, 0, 0, "cal-ballroom", "evt-1");
        // The task failed before its commit; it handles the record again and sets it aside in its next transaction.
        aborted(DetectorDeadLetters.deadLetter(ballroom, DETECTOR_DEAD_LETTERED, new IllegalStateException("no calendar")));
        committed(DetectorDeadLetters.deadLetter(ballroom, DETECTOR_DEAD_LETTERED, new IllegalStateException("no calendar")));

        Summary summary = run("--dlt", topic + ".DLT");

        assertThat(summary.replayed()).isEqualTo(1);
        assertThat(replayedFrom(topic)).containsExactly(topic + ".DLT-0@2");
        assertThat(groupPosition(topic + ".DLT", 0)).hasValue(4L);
        assertThat(summary.toString()).contains(topic + ".DLT-0: read 1 record at offsets 2-2; group");
    }

    @Test
    void aSecondRunReplaysNothingAndTheNextOnlyWhatCameSince() {
        String topic = topics(1, 1);
        deadLetter(topic, 0, "ballroom");
        deadLetter(topic, 1, "atrium");

        assertThat(run("--dlt", topic + ".DLT").replayed()).isEqualTo(2);
        assertThat(groupPosition(topic + ".DLT", 0)).hasValue(2L);
        assertThat(run("--dlt", topic + ".DLT").replayed()).isZero();

        deadLetter(topic, 2, "foyer");
        assertThat(run("--dlt", topic + ".DLT").replayed()).isEqualTo(1);
        assertThat(readAll(topic)).extracting(record -> text(record.key())).containsExactly("ballroom", "atrium", "foyer");
    }

    @Test
    void aDryRunListsEachRecordAndSendsAndCommitsNothing() {
        String topic = topics(1, 1);
        ServiceDeadLetters.deadLetter(template, consumed(topic, 0, 42, "ballroom", "evt-1"),
                listenerFailure(new PoisonMessageException("value is not a valid ItemScheduled")));
        var out = new ByteArrayOutputStream();

        int exit = DltReplay.main(List.of("--dlt", topic + ".DLT", "--bootstrap", bootstrap, "--dry-run"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("would replay  " + topic + ".DLT-0@0 from " + topic + "-0@42")
                .contains("record time 2026-11-18T")
                .contains("by replay-it (poison)")
                .contains("key ballroom, ce_type dev.almanac.schedule.ItemScheduled.v1, ce_id evt-1")
                .contains(ListenerExecutionFailedException.class.getName() + " (cause " + PoisonMessageException.class.getName() + "): ")
                .contains("value is not a valid ItemScheduled")
                .contains("would replay 1, 1 to " + topic)
                .contains("left at no position (dry run)");
        assertThat(endOffset(topic)).as("nothing sent").isZero();
        assertThat(groupPosition(topic + ".DLT", 0)).as("nothing committed").isEmpty();
        assertThat(run("--dlt", topic + ".DLT").replayed()).as("the real run after it").isEqualTo(1);
    }

    @Test
    void reasonSelectsPoisonErrorOrAClassAndTheGroupMovesPastWhatItSkips() {
        String topic = topics(1, 1);
        deadLetter(topic, 0, "ballroom", new PoisonMessageException("broken envelope"));
        deadLetter(topic, 1, "atrium", new IllegalStateException("no calendar"));
        deadLetter(topic, 2, "foyer", new UnsupportedOperationException("no decision"));

        assertThat(run("--dlt", topic + ".DLT", "--dry-run", "--reason", "poison").replayed()).isEqualTo(1);
        assertThat(run("--dlt", topic + ".DLT", "--dry-run", "--reason", "error").replayed()).isEqualTo(2);
        assertThat(run("--dlt", topic + ".DLT", "--dry-run", "--reason", "illegalstate").replayed()).isEqualTo(1);

        Summary poison = run("--dlt", topic + ".DLT", "--reason", "poison");
        assertThat(poison.replayed()).isEqualTo(1);
        assertThat(poison.skipped()).isEqualTo(2);
        assertThat(readAll(topic)).extracting(record -> text(record.key())).containsExactly("ballroom");
        assertThat(groupPosition(topic + ".DLT", 0)).as("past the skipped records too").hasValue(3L);
        assertThat(run("--dlt", topic + ".DLT", "--reason", "error").replayed()).isZero();
    }

    @Test
    void offsetsSelectTheirRecordsAndTheGroupNeverMovesOverOnesNotRead() {
        String topic = topics(1, 1);
        for (int offset = 0; offset < 5; offset++) {
            deadLetter(topic, offset, "calendar-" + offset);
        }

        assertThat(run("--dlt", topic + ".DLT", "--partition", "0", "--from-offset", "1", "--to-offset", "2").replayed()).isEqualTo(2);
        assertThat(replayedFrom(topic)).containsExactly(topic + ".DLT-0@1", topic + ".DLT-0@2");
        assertThat(groupPosition(topic + ".DLT", 0)).as("offset 0 was not read").isEmpty();

        assertThat(run("--dlt", topic + ".DLT", "--partition", "0", "--to-offset", "0").replayed()).isEqualTo(1);
        assertThat(groupPosition(topic + ".DLT", 0)).hasValue(1L);

        assertThat(run("--dlt", topic + ".DLT").replayed()).as("1 and 2 again: the group was not past them").isEqualTo(4);
        assertThat(groupPosition(topic + ".DLT", 0)).hasValue(5L);
        assertThat(run("--dlt", topic + ".DLT", "--partition", "0", "--from-offset", "4").replayed())
                .as("named offsets are read again when asked for").isEqualTo(1);
        assertThat(groupPosition(topic + ".DLT", 0)).as("never back").hasValue(5L);
    }

    @Test
    void aRecordWithoutItsOriginalTopicIsReportedAndTheOthersAreReplayed() throws Exception {
        String topic = topics(1, 1);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic + ".DLT", 0, RECORD_TIME, bytes("lost"), bytes("{}"),
                    new RecordHeaders().add("kafka_dlt-exception-fqcn", bytes("java.lang.IllegalStateException")))).get();
            producer.send(new ProducerRecord<>(topic + ".DLT", 0, RECORD_TIME, bytes("elsewhere"), bytes("{}"),
                    new RecordHeaders().add("kafka_dlt-original-topic", bytes("almanac.rules.v1")))).get();
        }
        deadLetter(topic, 0, "ballroom");
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int exit = DltReplay.main(List.of("--dlt", topic + ".DLT", "--bootstrap", bootstrap),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("refused " + topic + ".DLT-0@0: it has no kafka_dlt-original-topic header")
                .contains("refused " + topic + ".DLT-0@1: its kafka_dlt-original-topic is almanac.rules.v1, not " + topic)
                .contains("replayed 1, 1 to " + topic);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("dlt-replay: 2 records could not be replayed (listed above)\n");
        assertThat(readAll(topic)).extracting(record -> text(record.key())).containsExactly("ballroom");
        assertThat(groupPosition(topic + ".DLT", 0)).as("nothing later can replay them").hasValue(3L);
    }

    @Test
    void aMissingTopicOrPartitionStopsTheRunBeforeItReadsAnything() throws Exception {
        String orphan = "dlt-replay-it-orphan-" + TOPICS.incrementAndGet() + ".v1";
        admin.createTopics(List.of(new NewTopic(orphan + ".DLT", 1, (short) 1))).all().get();
        var err = new ByteArrayOutputStream();

        int exit = DltReplay.main(List.of("--dlt", orphan + ".DLT", "--bootstrap", bootstrap),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("dlt-replay failed: the original topic " + orphan
                + " does not exist on " + bootstrap + ", so the records of " + orphan + ".DLT have nowhere to go back to\n");
        assertThat(groupPosition(orphan + ".DLT", 0)).isEmpty();
        assertThatThrownBy(() -> run("--dlt", "dlt-replay-it-absent.v1.DLT"))
                .isInstanceOf(DltReplay.ReplayFailure.class).hasMessageStartingWith("there is no topic dlt-replay-it-absent.v1.DLT");
        String topic = topics(1, 1);
        assertThatThrownBy(() -> run("--dlt", topic + ".DLT", "--partition", "3"))
                .isInstanceOf(DltReplay.ReplayFailure.class).hasMessage("--partition 3 is not a partition of " + topic + ".DLT, which has [0]");
    }

    /** A fresh topic and its DLT. */
    private static String topics(int partitions, int deadLetterPartitions) {
        String topic = "dlt-replay-it-" + TOPICS.incrementAndGet() + ".v1";
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1),
                    new NewTopic(topic + ".DLT", deadLetterPartitions, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return topic;
    }

    private static Summary run(String... args) {
        List<String> withBroker = new ArrayList<>(Arrays.asList(args));
        withBroker.addAll(List.of("--bootstrap", bootstrap));
        return DltReplay.run(DltReplay.settings(withBroker), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static void deadLetter(String topic, long offset, String key) {
        deadLetter(topic, offset, key, new IllegalStateException("no calendar"));
    }

    private static void deadLetter(String topic, long offset, String key, Exception failure) {
        ServiceDeadLetters.deadLetter(template, consumed(topic, 0, offset, key, "evt-" + key), listenerFailure(failure));
    }

    /** The record as the failing listener received it. */
    private static ConsumerRecord<String, byte[]> consumed(String topic, int partition, long offset, String key, String eventId) {
        Headers headers = new RecordHeaders()
                .add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"))
                .add(CloudEventHeaders.ID, bytes(eventId))
                .add(CloudEventHeaders.TYPE, bytes("dev.almanac.schedule.ItemScheduled.v1"))
                .add(CloudEventHeaders.SOURCE, bytes("/almanac/command-service"))
                .add("traceparent", bytes("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        return new ConsumerRecord<>(topic, partition, offset, RECORD_TIME, TimestampType.CREATE_TIME, -1, -1, key,
                bytes("{\"item_id\":\"" + eventId + "\"}"), headers, Optional.empty());
    }

    /** As the listener container hands a listener's failure to the error handler. */
    private static Exception listenerFailure(Exception cause) {
        return new ListenerExecutionFailedException("Listener method 'on' threw exception", "replay-it", cause);
    }

    /**
     * As a conflict-detector task writes under exactly-once: in a transaction, which it commits or aborts. Committed
     * records are visible to read-committed readers on return: the commit returns once the coordinator has it, but the
     * markers reach the partitions after, and until then such a reader (dlt-replay is one) ends before the records, as
     * it did once in a full build.
     */
    @SafeVarargs
    private static void committed(ProducerRecord<String, byte[]>... records) {
        List<RecordMetadata> written = inTransaction(KafkaProducer::commitTransaction, records);
        Map<TopicPartition, Long> last = new HashMap<>();
        written.forEach(metadata -> last.merge(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset(), Math::max));
        try (var reader = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            // The last stable offset passes the records once the commit's markers are written.
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.endOffsets(last.keySet()).entrySet().stream()
                    .allMatch(end -> end.getValue() > last.get(end.getKey())));
        }
    }

    @SafeVarargs
    private static void aborted(ProducerRecord<String, byte[]>... records) {
        inTransaction(KafkaProducer::abortTransaction, records);
    }

    /** Where each record was written. */
    private static List<RecordMetadata> inTransaction(Consumer<KafkaProducer<String, byte[]>> end, ProducerRecord<String, byte[]>[] records) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dlt-replay-it-" + TRANSACTIONS.incrementAndGet()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (ProducerRecord<String, byte[]> record : records) {
                sends.add(producer.send(record));
            }
            producer.flush();
            end.accept(producer);
            List<RecordMetadata> written = new ArrayList<>();
            for (Future<RecordMetadata> send : sends) {
                written.add(send.get(30, TimeUnit.SECONDS));
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a record of the transaction was not written", e);
        }
    }

    /** Each original's replay: its key, value, timestamp and headers, none of the DLT's, and where it was replayed from. */
    private static void assertReplayedAsFirstPublished(String topic, List<ConsumerRecord<String, byte[]>> originals) {
        List<ConsumerRecord<byte[], byte[]>> replayed = readAll(topic);
        assertThat(replayed).hasSize(originals.size());
        for (ConsumerRecord<String, byte[]> original : originals) {
            ConsumerRecord<byte[], byte[]> copy = replayed.stream()
                    .filter(record -> text(record.key()).equals(original.key())).findFirst().orElseThrow();
            assertThat(copy.value()).isEqualTo(original.value());
            assertThat(copy.timestamp()).as("the original timestamp").isEqualTo(RECORD_TIME);
            assertThat(headerNames(copy.headers())).as("every header but the DLT's, and where it was replayed from")
                    .containsExactly("ce_specversion", "ce_id", "ce_type", "ce_source", "traceparent", DltReplay.REPLAYED_FROM);
            for (Header header : original.headers()) {
                assertThat(copy.headers().lastHeader(header.key()).value()).isEqualTo(header.value());
            }
            assertThat(text(copy.headers().lastHeader(DltReplay.REPLAYED_FROM).value())).matches(topic + "\\.DLT-[01]@[01]");
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
            });
            return records;
        }
    }

    private static List<String> replayedFrom(String topic) {
        return readAll(topic).stream().map(record -> text(record.headers().lastHeader(DltReplay.REPLAYED_FROM).value())).toList();
    }

    private static long endOffset(String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return consumer.endOffsets(consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList()).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static Optional<Long> groupPosition(String dlt, int partition) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(DltReplay.GROUP)
                    .partitionsToOffsetAndMetadata().get();
            return Optional.ofNullable(offsets.get(new TopicPartition(dlt, partition))).map(OffsetAndMetadata::offset);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> headerNames(Headers headers) {
        return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
