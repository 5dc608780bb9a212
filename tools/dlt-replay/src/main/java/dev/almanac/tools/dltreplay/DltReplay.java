package dev.almanac.tools.dltreplay;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.core.NestedExceptionUtils;

import dev.almanac.events.Topics;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.tools.commandline.CommandOptions;

/**
 * {@code dlt-replay}: puts the records of {@code <topic>.DLT} back on {@code <topic>}, with their
 * key, value, timestamp and headers, less the dead letter's own ({@code kafka_dlt-*}, {@code almanac_dlt-exception-causes}), plus
 * {@value #REPLAYED_FROM}. Consumers apply a record only over an older version (ADR 0057), so a
 * record replayed twice changes nothing the second time.
 *
 * <p>The consumer group {@value #GROUP} remembers, per DLT partition, the next record no run has
 * dealt with. A run reads from there, or from {@code --from-offset}, up to {@code --to-offset} or
 * the end offset read at its start, and deals with every record it reads: replays it, skips it
 * ({@code --reason} does not select it), or refuses it (its original topic is not this DLT's), and
 * the group moves past all three, only after the replayed ones are acknowledged. The group never
 * moves over a record no run has read, so a {@code --from-offset} beyond it leaves it where it is,
 * and never moves back.
 */
public final class DltReplay {

    public static final String GROUP = "almanac-dlt-replay";
    /** The local stack's Kafka ({@code ./run-local}), where a replay goes unless {@code --bootstrap} names another. */
    public static final String LOCAL_STACK_KAFKA = "127.0.0.1:9092";
    /** {@code <dlt>-<partition>@<offset>} of the dead letter a record was replayed from. */
    public static final String REPLAYED_FROM = CloudEventHeaders.REPLAYED_FROM;

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(15);
    /** Reading fails, rather than hangs, when it gets no nearer the end offsets for this long. */
    private static final Duration STALL = Duration.ofSeconds(30);
    private static final Set<String> VALUED = Set.of("dlt", "bootstrap", "command-config", "partition", "from-offset", "to-offset",
            "reason");
    /** What the replay itself decides, which a --command-config file may not change. */
    private static final Set<String> OWN_SETTINGS = Set.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ConsumerConfig.ISOLATION_LEVEL_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            ProducerConfig.ACKS_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);

    public static final String USAGE = """
            usage: dlt-replay --dlt <topic>.DLT [--bootstrap HOST:PORT] [--command-config FILE]
                   [--partition N [--from-offset X] [--to-offset Y]] [--reason poison|error|<class>] [--dry-run]
              Puts the dead letters of <topic>.DLT back on <topic> (key, value, timestamp and headers, less the
              dead letter's own, plus almanac_replayed_from), and stops at the end offsets read at its start.
              Consumer group almanac-dlt-replay remembers what was dealt with: a second run replays nothing.
              --dry-run: lists each record and what would happen to it; sends and commits nothing.
              --command-config FILE: Kafka client properties for a secured cluster, as Kafka's own tools take them
              (security.protocol, sasl.mechanism, sasl.jaas.config, ssl.*); the replay's own settings (group,
              isolation, idempotence, serializers, bootstrap) cannot be changed there.
              --partition N: only that partition of the DLT; --from-offset, --to-offset: its offsets, inclusive.
              --reason: poison or error (as almanac_records_dead_lettered_total counts them), or a part of the
              name of a class in the failure, case ignored. Records it does not select are skipped, and the
              group moves past them.
              Default: --bootstrap %s (the local stack). Exit code 0 when every record read was replayed or
              skipped, 1 when one was refused or the run failed, 2 for bad arguments.""".formatted(LOCAL_STACK_KAFKA);

    /**
     * @param partition  only this partition of the DLT, or every one when null
     * @param fromOffset the first offset to read, or the group's position when null
     * @param toOffset   the last offset to read, inclusive, or up to the end offset when null
     */
    public record Settings(String dlt, String bootstrap, Map<String, String> clientProperties, @Nullable Integer partition,
                           @Nullable Long fromOffset, @Nullable Long toOffset, Reason reason, boolean dryRun) {

        public Settings {
            clientProperties = Map.copyOf(clientProperties);
        }

        /** The Kafka client's configuration: the --command-config file's properties, then the replay's own on top. */
        Map<String, Object> client(Map<String, Object> own) {
            Map<String, Object> client = new HashMap<>(clientProperties);
            client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            client.putAll(own);
            return client;
        }

        @Override
        public String toString() {
            // A --command-config file holds passwords.
            return "Settings[dlt=" + dlt + ", bootstrap=" + bootstrap + ", client properties " + clientProperties.keySet()
                    + ", partition=" + partition + ", fromOffset=" + fromOffset + ", toOffset=" + toOffset + ", reason=" + reason
                    + ", dryRun=" + dryRun + "]";
        }

        /** Where the DLT's records go back to: its name less {@code .DLT}. */
        public String originalTopic() {
            return dlt.substring(0, dlt.length() - Topics.DEAD_LETTER_SUFFIX.length());
        }
    }

    private final Settings settings;
    private final PrintStream out;
    private final Summary summary;
    /** How long one question to Kafka may take before the run fails saying so. */
    private final Duration kafkaTimeout;

    private DltReplay(Settings settings, PrintStream out, Duration kafkaTimeout) {
        this.settings = settings;
        this.out = out;
        this.summary = new Summary(settings);
        this.kafkaTimeout = kafkaTimeout;
    }

    /** Everything is checked before Kafka is asked anything. */
    public static Settings settings(List<String> args) {
        CommandOptions options = CommandOptions.parse("dlt-replay", args, VALUED, Set.of("dry-run"));
        String dlt = options.value("dlt").orElseThrow(() -> new IllegalArgumentException(
                "--dlt is required: the dead-letter topic to replay, e.g. --dlt " + Topics.deadLetter(Topics.SCHEDULE)));
        if (!dlt.endsWith(Topics.DEAD_LETTER_SUFFIX) || dlt.length() == Topics.DEAD_LETTER_SUFFIX.length()) {
            throw new IllegalArgumentException("--dlt must name a dead-letter topic, <topic>" + Topics.DEAD_LETTER_SUFFIX + ", not " + dlt);
        }
        String bootstrap = options.value("bootstrap", LOCAL_STACK_KAFKA);
        if (!bootstrap.matches("[^,:\\s]+:\\d+(,[^,:\\s]+:\\d+)*")) {
            throw new IllegalArgumentException("--bootstrap must be HOST:PORT (several separated by commas), not " + bootstrap);
        }
        int partition = options.number("partition", 0, -1);
        Long from = options.number("from-offset", 0).orElse(null);
        Long to = options.number("to-offset", 0).orElse(null);
        if ((from != null || to != null) && partition < 0) {
            throw new IllegalArgumentException("--from-offset and --to-offset need --partition: offsets are per partition "
                    + "(--dry-run lists each record's partition and offset)");
        }
        if (from != null && to != null && from > to) {
            throw new IllegalArgumentException("--from-offset " + from + " is after --to-offset " + to
                    + "; both are inclusive, so --from-offset 5 --to-offset 5 reads offset 5 alone");
        }
        Map<String, String> clientProperties = options.value("command-config").map(DltReplay::clientProperties).orElse(Map.of());
        return new Settings(dlt, bootstrap, clientProperties, partition < 0 ? null : partition, from, to,
                options.value("reason").map(Reason::of).orElse(Reason.ANY), options.flag("dry-run"));
    }

    /** The Kafka client properties of a --command-config file; none of them may be one the replay decides itself. */
    static Map<String, String> clientProperties(String file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | InvalidPathException unreadable) {
            throw new IllegalArgumentException("--command-config " + file + " cannot be read: " + unreadable.getMessage());
        }
        List<String> own = properties.stringPropertyNames().stream().filter(OWN_SETTINGS::contains).sorted().toList();
        if (!own.isEmpty()) {
            throw new IllegalArgumentException("--command-config " + file + " sets " + String.join(", ", own)
                    + ", which the replay decides itself (use --bootstrap for the brokers)");
        }
        Map<String, String> client = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> client.put(name, properties.getProperty(name)));
        return client;
    }

    /** {@code java -jar dlt-replay.jar --dlt <topic>.DLT ...}: exits with {@link #main(List, PrintStream, PrintStream)}'s code. */
    public static void main(String[] args) {
        System.exit(main(List.of(args), System.out, System.err));
    }

    /** Runs the command line; returns the exit code. Bad arguments and failures are one message, never a stack trace. */
    public static int main(List<String> args, PrintStream out, PrintStream err) {
        return main(args, out, err, KAFKA_TIMEOUT);
    }

    /** As {@link #main(List, PrintStream, PrintStream)}, waiting {@code kafkaTimeout} for each answer of Kafka's. */
    static int main(List<String> args, PrintStream out, PrintStream err, Duration kafkaTimeout) {
        Settings settings;
        try {
            settings = settings(args);
        } catch (IllegalArgumentException bad) {
            err.println("dlt-replay: " + bad.getMessage() + "\n\n" + USAGE);
            return 2;
        }
        DltReplay replay = new DltReplay(settings, out, kafkaTimeout);
        try {
            replay.replay();
        } catch (ReplayFailure | KafkaException failure) {
            if (replay.summary.dealtWith() > 0) {
                out.println(replay.summary);
            }
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
            err.println("dlt-replay failed: " + failure.getMessage() + (cause == failure ? "" : " (" + cause + ")"));
            return 1;
        }
        out.println(replay.summary);
        if (!replay.summary.refused().isEmpty()) {
            err.println("dlt-replay: " + replay.summary.refused().size() + " records could not be replayed (listed above)");
            return 1;
        }
        return 0;
    }

    /** Runs one replay, printing each record it reads to {@code out}; throws {@link ReplayFailure} with the reason. */
    public static Summary run(Settings settings, PrintStream out) {
        DltReplay replay = new DltReplay(settings, out, KAFKA_TIMEOUT);
        replay.replay();
        return replay.summary;
    }

    private void replay() {
        List<TopicPartition> partitions;
        Admin admin = Admin.create(settings.client(Map.of()));
        try {
            partitions = partitionsToRead(admin);
        } finally {
            // Not the default wait for calls in flight, which outlasts our own timeout when Kafka is unreachable.
            admin.close(Duration.ofSeconds(1));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.client(Map.of(
                     ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                     // conflict-detector writes its dead letters in transactions: aborted ones are not dead letters.
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = settings.dryRun() ? null : new KafkaProducer<>(settings.client(Map.of(
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) kafkaTimeout.toMillis())),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            Map<TopicPartition, Range> ranges = ranges(consumer, partitions);
            read(consumer, producer, ranges);
        }
    }

    /** The DLT's partitions to read, once both it and the topic its records go back to are known to exist. */
    private List<TopicPartition> partitionsToRead(Admin admin) {
        TopicDescription dlt = describe(admin, settings.dlt(),
                "there is no topic " + settings.dlt() + " on " + settings.bootstrap() + " (is --bootstrap right?)");
        describe(admin, settings.originalTopic(), "the original topic " + settings.originalTopic() + " does not exist on "
                + settings.bootstrap() + ", so the records of " + settings.dlt() + " have nowhere to go back to");
        List<Integer> numbers = dlt.partitions().stream().map(TopicPartitionInfo::partition).sorted().toList();
        if (settings.partition() != null && !numbers.contains(settings.partition())) {
            throw new ReplayFailure("--partition " + settings.partition() + " is not a partition of " + settings.dlt()
                    + ", which has " + numbers);
        }
        return numbers.stream()
                .filter(number -> settings.partition() == null || number.equals(settings.partition()))
                .map(number -> new TopicPartition(settings.dlt(), number))
                .toList();
    }

    private TopicDescription describe(Admin admin, String topic, String whenMissing) {
        try {
            return admin.describeTopics(List.of(topic)).topicNameValues().get(topic).get(kafkaTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ReplayFailure(whenMissing);
            }
            throw new ReplayFailure("Kafka at " + settings.bootstrap() + " could not describe " + topic + ": " + failed.getCause());
        } catch (TimeoutException slow) {
            throw new ReplayFailure("Kafka at " + settings.bootstrap() + " did not answer within " + kafkaTimeout.toSeconds()
                    + " s (is the stack running, and is --bootstrap right?)");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ReplayFailure("interrupted while asking Kafka about " + topic);
        }
    }

    private Map<TopicPartition, Range> ranges(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        consumer.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), kafkaTimeout);
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, kafkaTimeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, kafkaTimeout);
        Map<TopicPartition, Range> ranges = new LinkedHashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata position = committed.get(partition);
            Range range = Range.of(position == null ? null : position.offset(), beginning.get(partition), end.get(partition),
                    settings.fromOffset(), settings.toOffset());
            ranges.put(partition, range);
            if (range.start() < range.stop()) {
                consumer.seek(partition, range.start());
            }
        }
        return ranges;
    }

    private void read(KafkaConsumer<byte[], byte[]> consumer, @Nullable KafkaProducer<byte[], byte[]> producer,
                      Map<TopicPartition, Range> ranges) {
        List<TopicPartition> reading = new ArrayList<>(ranges.keySet().stream().filter(p -> !ranges.get(p).done()).toList());
        consumer.pause(ranges.keySet().stream().filter(p -> ranges.get(p).done()).toList());
        long lastProgress = System.nanoTime();
        while (!reading.isEmpty()) {
            List<Replayed> batch = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Range range = ranges.get(new TopicPartition(record.topic(), record.partition()));
                if (record.offset() < range.stop()) {
                    range.read(record.offset());
                    Replayed replayed = deal(DeadLetter.of(record));
                    if (replayed != null) {
                        batch.add(replayed);
                    }
                }
            }
            send(producer, batch);
            boolean progressed = false;
            for (TopicPartition partition : List.copyOf(reading)) {
                Range range = ranges.get(partition);
                progressed |= range.reached(consumer.position(partition, kafkaTimeout));
                if (range.done()) {
                    reading.remove(partition);
                    consumer.pause(List.of(partition));
                }
            }
            if (!settings.dryRun()) {
                commit(consumer, ranges);
            }
            if (progressed) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                throw new ReplayFailure("reading " + reading + " got no further for " + STALL.toSeconds()
                        + " s, short of the end offsets read at the start");
            }
        }
        ranges.forEach((partition, range) -> summary.position(partition, range));
    }

    /** What happens to one record of the range: null when it is not sent. */
    private @Nullable Replayed deal(DeadLetter letter) {
        if (!settings.reason().matches(letter)) {
            summary.skip();
            out.println("skip          " + letter.describe());
            return null;
        }
        String refusal = refusal(letter);
        if (refusal != null) {
            summary.refused(letter.where() + ": " + refusal);
            out.println("refuse        " + letter.describe() + "\n    not replayed: " + refusal);
            return null;
        }
        if (settings.dryRun()) {
            summary.replayed(settings.originalTopic());
            out.println("would replay  " + letter.describe());
            return null;
        }
        out.println("replay        " + letter.describe());
        return new Replayed(letter, replayOf(letter));
    }

    private @Nullable String refusal(DeadLetter letter) {
        if (letter.originalTopic() == null) {
            return "it has no " + DeadLetter.DLT_HEADER_PREFIX + "original-topic header, so where it came from is unknown";
        }
        if (!letter.originalTopic().equals(settings.originalTopic())) {
            return "its " + DeadLetter.DLT_HEADER_PREFIX + "original-topic is " + letter.originalTopic() + ", not "
                    + settings.originalTopic() + " whose dead-letter topic this is";
        }
        return null;
    }

    /** The record as it was first published: the original timestamp too, so that what consumers derive from it is the same. */
    private static ProducerRecord<byte[], byte[]> replayOf(DeadLetter letter) {
        ConsumerRecord<byte[], byte[]> record = letter.record();
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!DeadLetter.isDeadLetterHeader(header.key()) && !header.key().equals(REPLAYED_FROM)) {
                headers.add(header);
            }
        }
        headers.add(REPLAYED_FROM, letter.where().getBytes(StandardCharsets.UTF_8));
        Long timestamp = letter.originalTimestamp() == null ? null : letter.originalTimestamp().toEpochMilli();
        return new ProducerRecord<>(letter.originalTopic(), null, timestamp, record.key(), record.value(), headers);
    }

    /** Returns once Kafka has acknowledged every record of the batch, or throws: then nothing of the batch is committed. */
    private void send(@Nullable KafkaProducer<byte[], byte[]> producer, List<Replayed> batch) {
        if (producer == null || batch.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> acknowledgements = batch.stream().map(replayed -> producer.send(replayed.record())).toList();
        producer.flush();
        for (int i = 0; i < batch.size(); i++) {
            try {
                acknowledgements.get(i).get();
            } catch (ExecutionException failed) {
                throw new ReplayFailure("sending " + batch.get(i).letter().where() + " to " + settings.originalTopic() + " failed ("
                        + failed.getCause() + "); the group was not moved past it, so running again replays it and "
                        + "the records of its batch again (harmless: consumers apply by version)");
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new ReplayFailure("interrupted while waiting for Kafka's acknowledgement");
            }
        }
        batch.forEach(replayed -> summary.replayed(settings.originalTopic()));
    }

    private void commit(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Range> ranges) {
        Map<TopicPartition, OffsetAndMetadata> moves = new LinkedHashMap<>();
        ranges.forEach((partition, range) -> range.groupMove().ifPresent(offset -> moves.put(partition, new OffsetAndMetadata(offset))));
        if (!moves.isEmpty()) {
            consumer.commitSync(moves, kafkaTimeout);
            moves.forEach((partition, offset) -> ranges.get(partition).committed(offset.offset()));
        }
    }

    private record Replayed(DeadLetter letter, ProducerRecord<byte[], byte[]> record) {
    }

    /** Why a run stopped; the message is for the person who ran it. */
    public static final class ReplayFailure extends RuntimeException {

        ReplayFailure(String message) {
            super(message);
        }
    }
}
