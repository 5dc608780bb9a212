package dev.almanac.conflicts.command;

import static dev.almanac.platform.problem.ProblemException.unavailable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemTypes;

/**
 * Sends a command to the stream task that owns its conflict, and awaits that task's outcome; or a
 * re-scan to every task, and awaits all their outcomes.
 *
 * <p>A conflict id does not say which calendar, and so which partition, holds the conflict, so
 * the command goes to every partition of the command topic; the task holding the conflict
 * answers with the outcome, every other one with {@link CommandOutcome.Result#NOT_HERE}. Every
 * instance reads every partition of the outcome topic (read committed, from its end when it
 * starts) and completes the requests it is waiting for; the outcomes of other instances' requests
 * are passed over. Without an answer in time the request fails with 503: the command may still
 * be applied, which a retry with the same {@code If-Match} then finds as 412. The reader polls only
 * while a request waits; at rest it waits for the next request's signal (issue 75: nothing spins at
 * rest), and then reads on from where it stopped, passing over what others' requests were told.
 */
public class ConflictCommandGateway implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConflictCommandGateway.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final Map<String, Object> clientSecurity;
    private final Duration timeout;
    private final Duration rescanTimeout;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final CountDownLatch positioned = new CountDownLatch(1);
    /** Signalled when a request starts to wait, and when stopping. */
    private final Object requests = new Object();
    private final AtomicLong polls = new AtomicLong();
    private volatile boolean idle;
    private volatile boolean running;
    private @Nullable Producer<String, byte[]> producer;
    private @Nullable Consumer<String, byte[]> consumer;
    private @Nullable Thread reader;

    /** @param rescanTimeout longer than {@code timeout}: a re-scan detects every calendar of a partition afresh */
    public ConflictCommandGateway(String bootstrapServers, Duration timeout, Duration rescanTimeout) {
        this(bootstrapServers, Map.of(), timeout, rescanTimeout);
    }

    /** @param clientSecurity the service's SASL settings on a secured cluster ({@code KafkaClientSecurity}) */
    public ConflictCommandGateway(String bootstrapServers, Map<String, Object> clientSecurity, Duration timeout, Duration rescanTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.clientSecurity = Map.copyOf(clientSecurity);
        this.timeout = timeout;
        this.rescanTimeout = rescanTimeout;
    }

    /** The outcome of {@code command}; {@link CommandOutcome.Result#NOT_HERE} when no partition holds the conflict. */
    public Mono<CommandOutcome> send(ConflictCommand command) {
        return broadcast(command, false, timeout);
    }

    /** The re-scan's counts, summed over every partition once each has answered. */
    public Mono<CommandOutcome.Rescan> rescan(ConflictCommand command) {
        return broadcast(command, true, rescanTimeout).map(outcome -> Objects.requireNonNull(outcome.rescan()));
    }

    private Mono<CommandOutcome> broadcast(ConflictCommand command, boolean everyPartition, Duration timeout) {
        Producer<String, byte[]> sender = producer;
        if (sender == null || positioned.getCount() > 0) {
            return Mono.error(unavailable("conflict-detector is starting and cannot take commands yet"));
        }
        return Mono.defer(() -> {
                    int partitions = sender.partitionsFor(CommandTopics.COMMANDS).size();
                    Pending waiting = new Pending(command.commandId(), partitions, everyPartition);
                    pending.put(command.commandId(), waiting);
                    synchronized (requests) {
                        requests.notifyAll();
                    }
                    byte[] value = CommandTopics.encode(command);
                    // The request's trace in a header too, so that each partition's processor logs the command in it (ADR 0089).
                    List<Header> headers = command.traceparent() == null ? List.of() : List.of(new RecordHeader(
                            CloudEventHeaders.TRACEPARENT, command.traceparent().getBytes(StandardCharsets.UTF_8)));
                    for (int partition = 0; partition < partitions; partition++) {
                        sender.send(new ProducerRecord<>(CommandTopics.COMMANDS, partition, null, command.commandId(), value, headers),
                                (sent, failure) -> {
                                    if (failure != null) {
                                        waiting.sink.tryEmitError(unavailable("the command could not be written: " + failure.getMessage()));
                                    }
                                });
                    }
                    return waiting.sink.asMono();
                })
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(timeout, Mono.error(() -> unavailable("no answer from the partitions within "
                        + timeout.toSeconds() + " s; the command may still be applied: read the conflicts before retrying")))
                .doFinally(signal -> pending.remove(command.commandId()));
    }

    @Override
    public void start() {
        Map<String, Object> producerConfig = new HashMap<>(clientSecurity);
        producerConfig.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "conflict-detector-commands",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0));
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> consumerConfig = new HashMap<>(clientSecurity);
        consumerConfig.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "conflict-detector-command-outcomes",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        Thread thread = new Thread(this::readOutcomes, "conflict-detector-command-outcomes");
        thread.setDaemon(true);
        reader = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        synchronized (requests) {
            requests.notifyAll();
        }
        Consumer<String, byte[]> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        Thread thread = reader;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        pending.values().forEach(waiting -> waiting.sink.tryEmitError(unavailable("conflict-detector is stopping")));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before Kafka Streams does, and starts after it. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 10;
    }

    private void readOutcomes() {
        Consumer<String, byte[]> reading = Objects.requireNonNull(consumer);
        try (reading) {
            List<TopicPartition> partitions = reading.partitionsFor(CommandTopics.OUTCOMES).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            reading.assign(partitions);
            reading.seekToEnd(partitions);
            // seekToEnd is lazy: asking for the positions fixes them before the first command is sent.
            partitions.forEach(reading::position);
            positioned.countDown();
            while (running) {
                awaitRequest();
                if (!running) {
                    break;
                }
                polls.incrementAndGet();
                for (ConsumerRecord<String, byte[]> record : reading.poll(POLL)) {
                    Pending waiting = record.key() == null ? null : pending.get(record.key());
                    if (waiting != null) {
                        waiting.accept(CommandTopics.decodeOutcome(record.value()));
                    }
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer up
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failure) {
            log.error("Reading command outcomes failed; lifecycle commands answer 503 until the instance restarts", failure);
            running = false;
        }
    }

    /** Returns once a request waits for its outcome, or when stopping. */
    private void awaitRequest() throws InterruptedException {
        synchronized (requests) {
            while (running && pending.isEmpty()) {
                idle = true;
                requests.wait();
            }
            idle = false;
        }
    }

    /** Whether the reader waits for a request rather than polling: at rest it does. */
    public boolean idle() {
        return idle;
    }

    /** How many times the reader has polled the outcome topic since it started. */
    public long polls() {
        return polls.get();
    }

    /**
     * A request waiting for its outcome: for a transition, the first decisive one, or every partition
     * saying it does not hold the conflict; for a re-scan, every partition's counts, summed.
     */
    private static final class Pending {

        private final String commandId;
        private final int partitions;
        private final boolean everyPartition;
        private final Set<Integer> answered = new HashSet<>();
        private final Sinks.One<CommandOutcome> sink = Sinks.one();
        private CommandOutcome.Rescan rescanned = new CommandOutcome.Rescan(0, 0, 0, 0, 0, 0);

        private Pending(String commandId, int partitions, boolean everyPartition) {
            this.commandId = commandId;
            this.partitions = partitions;
            this.everyPartition = everyPartition;
        }

        private synchronized void accept(CommandOutcome outcome) {
            if (outcome.result() == CommandOutcome.Result.FAILED) {
                sink.tryEmitError(new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, "Internal error",
                        "the command could not be handled, and nothing was changed", List.of()));
                return;
            }
            if (!everyPartition && outcome.result() != CommandOutcome.Result.NOT_HERE) {
                sink.tryEmitValue(outcome);
                return;
            }
            if (!answered.add(outcome.partition())) {
                return;
            }
            if (outcome.rescan() != null) {
                rescanned = rescanned.plus(outcome.rescan());
            }
            if (answered.size() == partitions) {
                sink.tryEmitValue(everyPartition ? CommandOutcome.rescanned(commandId, -1, rescanned) : outcome);
            }
        }
    }
}
