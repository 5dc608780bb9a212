package dev.almanac.rules.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;

import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.KafkaEventPublisher;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Tzdata;
import dev.almanac.rules.materialisation.OccurrenceEvents;
import dev.almanac.rules.rule.RuleDefinition;
import dev.almanac.rules.rule.RuleOrigin;
import dev.almanac.rules.testing.RuleSamples;

/**
 * What Kafka alone costs the cold start: the corpus's occurrences, encoded as rule-expander encodes
 * them, sent through rule-expander's own producer (its shipped settings) to the same in-process broker,
 * with the clock running only while they are sent and acknowledged. Expansion, JSON, ids, MongoDB and
 * the service's scheduling are left out, so the figure is a floor under the cold start for this record
 * shape on this machine.
 *
 * <p>The records are made a chunk at a time, on the sending threads with the clock stopped, then sent
 * by the same threads (as many as rule-expander's rule consumers), each rule's records in order from
 * one thread, and every chunk is acknowledged before the next is made. With {@link Envelope#STRUCTURED}
 * the same records carry their CloudEvents attributes in the value instead (the binding's structured
 * mode: one {@code content-type} header, the attributes and the event as one JSON object), which is
 * what a change of the topic's contract would give.
 */
final class KafkaFloor {

    /** How the records carry their CloudEvents attributes. */
    enum Envelope {
        /** As the topic's contract says (ARCHITECTURE.md): the event's JSON, and the attributes in 12 headers. */
        BINARY,
        /** The attributes and the event in one JSON value; one header. Not the contract: for comparison. */
        STRUCTURED
    }

    /** What the floor measured: the records sent, the time and this JVM's CPU while they were sent, and the time making them. */
    record Result(long records, long sendingNanos, long sendingCpuNanos, long makingNanos) {
    }

    static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";
    /** The subject attribute's opening in a structured value; the attributes precede the event, so it is the first. */
    private static final String STRUCTURED_SUBJECT = "\"subject\":\"";
    private static final byte[] STRUCTURED_CONTENT_TYPE_BYTES = STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.US_ASCII);
    /** rule-expander's rule consumers ({@code almanac.rules.intake-consumers}), each running its own rules' passes. */
    private static final int THREADS = 3;
    /** Records made before each sending: about 250 MB of them. */
    private static final int CHUNK = 200_000;

    private KafkaFloor() {
    }

    static Result run(KafkaTemplate<String, byte[]> template, EventCodec codec, List<RuleCreated> rules, Instant activeFrom,
                      Duration horizon, Envelope envelope, LongSupplier processCpuNanos) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            long records = 0;
            long sending = 0;
            long sendingCpu = 0;
            long making = 0;
            int next = 0;
            while (next < rules.size()) {
                List<List<RuleCreated>> shares = shares(rules, next, activeFrom, horizon);
                next += shares.stream().mapToInt(List::size).sum();
                long madeFrom = System.nanoTime();
                List<List<ProducerRecord<String, byte[]>>> made = all(threads, shares.stream()
                        .map(share -> (Callable<List<ProducerRecord<String, byte[]>>>) () -> make(codec, share, activeFrom, horizon, envelope))
                        .toList());
                making += System.nanoTime() - madeFrom;
                long cpuFrom = processCpuNanos.getAsLong();
                long sentFrom = System.nanoTime();
                all(threads, made.stream().map(share -> (Callable<Void>) () -> send(template, share)).toList());
                sending += System.nanoTime() - sentFrom;
                sendingCpu += processCpuNanos.getAsLong() - cpuFrom;
                records += made.stream().mapToLong(List::size).sum();
            }
            return new Result(records, sending, sendingCpu, making);
        } finally {
            threads.shutdownNow();
        }
    }

    /** The next rules from {@code from}, up to about a chunk of occurrences, dealt to the threads in turn. */
    private static List<List<RuleCreated>> shares(List<RuleCreated> rules, int from, Instant activeFrom, Duration horizon) {
        List<List<RuleCreated>> shares = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            shares.add(new ArrayList<>());
        }
        long occurrences = 0;
        for (int i = from; i < rules.size() && occurrences < CHUNK; i++) {
            RuleCreated rule = rules.get(i);
            shares.get(i % THREADS).add(rule);
            occurrences += RecurrenceExpander.count(RecurrenceSpec.of(rule), activeFrom, activeFrom.plus(horizon));
        }
        return shares;
    }

    /** A rule's first pass, as rule-expander's {@code MaterialisationPlanner} and {@code Materialiser} make it. */
    private static List<ProducerRecord<String, byte[]>> make(EventCodec codec, List<RuleCreated> rules, Instant activeFrom,
                                                           Duration horizon, Envelope envelope) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (RuleCreated rule : rules) {
            EventMetadata created = RuleSamples.envelope(rule);
            RuleDefinition definition = RuleDefinition.of(rule);
            RuleOrigin origin = RuleOrigin.of(created);
            String tzdata = Tzdata.version(rule.timezone());
            List<Occurrence> occurrences = RecurrenceExpander.expand(RecurrenceSpec.of(rule), activeFrom, activeFrom.plus(horizon),
                    Integer.MAX_VALUE).occurrences();
            for (Occurrence occurrence : occurrences) {
                var event = OccurrenceEvents.event(definition, created.aggregateVersion(), occurrence, tzdata);
                ProducerRecord<String, byte[]> record = codec.toRecord(OccurrenceEvents.metadata(event, origin, origin.time()), event);
                records.add(envelope == Envelope.BINARY ? record : structured(record));
            }
        }
        return records;
    }

    /**
     * The record in the binding's structured mode: {@code {"specversion":…,"id":…,…,"data":<the event>}}, its
     * attributes named as the binary mode's headers less their {@code ce_} prefix and underscores.
     */
    static ProducerRecord<String, byte[]> structured(ProducerRecord<String, byte[]> binary) {
        ByteArrayOutputStream value = new ByteArrayOutputStream(binary.value().length + 512);
        value.write('{');
        for (Header header : binary.headers()) {
            String name = header.key().equals(CloudEventHeaders.CONTENT_TYPE)
                    ? "datacontenttype"
                    : header.key().replaceFirst("^ce_", "").replace("_", "");
            value.writeBytes(("\"" + name + "\":\"").getBytes(StandardCharsets.US_ASCII));
            value.writeBytes(header.value());
            value.writeBytes("\",".getBytes(StandardCharsets.US_ASCII));
        }
        value.writeBytes("\"data\":".getBytes(StandardCharsets.US_ASCII));
        value.writeBytes(binary.value());
        value.write('}');
        return new ProducerRecord<>(binary.topic(), null, binary.key(), value.toByteArray(),
                new RecordHeaders(new Header[] {new RecordHeader(CloudEventHeaders.CONTENT_TYPE, STRUCTURED_CONTENT_TYPE_BYTES)}));
    }

    /** The subject of a record {@link #structured} made: the occurrence's id. */
    static String structuredSubject(byte[] value) {
        String json = new String(value, StandardCharsets.UTF_8);
        int from = json.indexOf(STRUCTURED_SUBJECT) + STRUCTURED_SUBJECT.length();
        return json.substring(from, json.indexOf('"', from));
    }

    /** Sends as rule-expander's {@code KafkaEventPublisher.publishAll} does, one callback for all, and waits for every acknowledgement. */
    private static Void send(KafkaTemplate<String, byte[]> template, List<ProducerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return null;
        }
        KafkaEventPublisher.AllAcknowledged acknowledgement = new KafkaEventPublisher.AllAcknowledged(records.size());
        template.execute(producer -> {
            records.forEach(record -> producer.send(record, acknowledgement));
            return null;
        });
        acknowledgement.future().join();
        return null;
    }

    private static <T> List<T> all(ExecutorService threads, List<Callable<T>> tasks) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> done : threads.invokeAll(tasks)) {
            results.add(done.get());
        }
        return results;
    }
}
