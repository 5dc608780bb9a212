package dev.almanac.conflicts.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;

import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.rule.RawEvent;
import dev.almanac.conflicts.rule.RuleHistoryStore;
import dev.almanac.conflicts.rule.RuleScope;
import dev.almanac.conflicts.state.StagedStore;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * Takes {@code almanac.rules.v1} on the partition of each rule's id and sends every event to the calendars and
 * resources the rule has named, on their partitions ({@link RulesByScope}). A calendar or resource named for the
 * first time gets the rule's whole history first, so that its task can fold the rule's timeline from the creation
 * on; the history is kept here ({@link RuleHistoryStore}). Cheap by design: one store read and a few writes a rule
 * event, no detection; the detection is the scopes' tasks' ({@link RuleConflictsProcessor}).
 */
final class RuleIntakeProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(RuleIntakeProcessor.class);

    private final EventCodec codec;
    private final RuleRouter router;
    private final ConflictMetrics metrics;
    private @Nullable ProcessorContext<String, byte[]> context;
    private @Nullable StagedStore staged;
    private @Nullable RuleHistoryStore history;

    RuleIntakeProcessor(EventCodec codec, RuleRouter router, ConflictMetrics metrics) {
        this.codec = codec;
        this.router = router;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.staged = new StagedStore(context.getStateStore(RuleHistoryStore.STORE));
        this.history = new RuleHistoryStore(staged);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ProcessorContext<String, byte[]> context = Objects.requireNonNull(this.context, "processor not initialised");
        RecordMetadata origin = context.recordMetadata()
                .orElseThrow(() -> new IllegalStateException("a consumed record has no topic, partition and offset"));
        Timer.Sample sample = metrics.startHandling();
        try {
            handle(context, Objects.requireNonNull(staged), Objects.requireNonNull(history), record, origin);
        } finally {
            metrics.stopHandling(sample, origin.topic());
        }
    }

    /** One rule event to one scope, with the event's own time, headers and value. */
    private record Sending(RuleScope scope, long version, RawEvent event) {
    }

    private void handle(ProcessorContext<String, byte[]> context, StagedStore staged, RuleHistoryStore history,
                        Record<String, byte[]> record, RecordMetadata origin) {
        List<Sending> sendings = new ArrayList<>();
        RuleId ruleId;
        try {
            ReceivedEvent received = codec.fromRecord(consumed(record, origin));
            if (!received.event().partitionKey().equals(record.key())) {
                throw new PoisonMessageException("record key " + record.key() + " is not the rule id " + received.event().partitionKey()
                        + " that " + received.metadata().type() + " is partitioned by");
            }
            if (!(router.decide(received) instanceof Decision.Handle<RuleRouter.Intake> handle)) {
                metrics.handled(origin.topic());
                return;
            }
            ruleId = handle.work().ruleId();
            long version = received.metadata().aggregateVersion();
            if (history.has(ruleId, version)) {
                metrics.handled(origin.topic());
                return;
            }
            SortedSet<RuleScope> scopes = history.scopes(ruleId);
            List<RuleScope> added = handle.work().named().stream().filter(scope -> !scopes.contains(scope)).distinct().toList();
            if (!added.isEmpty()) {
                // A calendar or resource new to the rule folds its timeline from the creation on: it gets every earlier event first.
                List<RuleHistoryStore.Versioned> earlier = history.events(ruleId);
                for (RuleScope scope : added) {
                    earlier.forEach(one -> sendings.add(new Sending(scope, one.version(), one.event())));
                }
                scopes.addAll(added);
                history.saveScopes(ruleId, scopes);
            }
            RawEvent event = new RawEvent(record.timestamp(), record.headers(), record.value());
            history.put(ruleId, version, event);
            scopes.forEach(scope -> sendings.add(new Sending(scope, version, event)));
            staged.commit();
        } catch (KafkaException outage) {
            staged.discard();
            throw outage;
        } catch (RuntimeException failure) {
            // A poison record, or deterministic handling that fails the same way on every retry.
            staged.discard();
            DeadLetters.setAside(context, record, origin, failure, log, metrics);
            return;
        }
        for (Sending sending : sendings) {
            RulesByScope.Key key = new RulesByScope.Key(sending.scope(), ruleId, sending.version());
            context.forward(new Record<>(key.toString(), sending.event().value(), sending.event().timestamp(),
                    new RecordHeaders(sending.event().headers().toArray())), ConflictTopology.RULES_BY_SCOPE_SINK);
        }
        if (!sendings.isEmpty()) {
            // The scopes' tasks see the event once this transaction commits: ask for the commit now.
            context.commit();
        }
        metrics.handled(origin.topic());
    }

    /** The record as a consumer would have received it, so that decoding is the platform's, unchanged. */
    private static ConsumerRecord<String, byte[]> consumed(Record<String, byte[]> record, RecordMetadata origin) {
        return new ConsumerRecord<>(origin.topic(), origin.partition(), origin.offset(), record.timestamp(),
                TimestampType.CREATE_TIME, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, record.key(), record.value(),
                record.headers(), Optional.empty());
    }
}
