package dev.almanac.dispatch.routing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.dispatch.deadletter.DeadLetters;
import dev.almanac.events.Topics;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;

/**
 * Picks out of {@code almanac.missed-runs.v1} the missed-run records for which the rule's catch-up policy started a
 * run, and sends them on to {@value RoutedTopics#CATCH_UP_RUNS}, keyed as they came (by calendar). Every other record
 * is left by its {@code ce_type} header, without reading its value: the dispatcher computes the rules' occurrences from
 * the rules topic, and only these runs depend on run reports (ADR 0072).
 */
public final class CatchUpRuns implements Processor<String, byte[], String, byte[]> {

    /** The sink of the catch-up runs; named, since the processor's other child is the dead-letter sink. */
    public static final String SINK = "catch-up-runs-routed";

    private static final Logger log = LoggerFactory.getLogger(CatchUpRuns.class);
    private static final byte[] MISSED = EventCatalog.of(OccurrenceMissed.class).ceType().getBytes(StandardCharsets.UTF_8);

    private final EventCodec codec;
    private @Nullable ProcessorContext<String, byte[]> context;

    public CatchUpRuns(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type == null || !Arrays.equals(type.value(), MISSED)) {
            return;
        }
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        try {
            var received = codec.fromRecord(DeadLetters.consumed(record, origin.topic(), origin.partition(), origin.offset()));
            if (received.event() instanceof OccurrenceMissed missed && missed.catchUpRun() != null) {
                context.forward(record, SINK);
            }
        } catch (PoisonMessageException e) {
            DeadLetters.setAside(context, Topics.MISSED_RUNS, record, origin, e, log);
        }
    }
}
