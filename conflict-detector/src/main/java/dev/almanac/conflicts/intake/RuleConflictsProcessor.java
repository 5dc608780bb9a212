package dev.almanac.conflicts.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.conflicts.lifecycle.ConflictChange;
import dev.almanac.conflicts.lifecycle.ConflictEventMetadata;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.lifecycle.Escalations;
import dev.almanac.conflicts.rule.DetectionWindow;
import dev.almanac.conflicts.rule.RawEvent;
import dev.almanac.conflicts.rule.RuleChange;
import dev.almanac.conflicts.rule.RuleScope;
import dev.almanac.events.TimeRange;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * The rules' side of a partition's task, on the same stores as {@link CalendarFactsProcessor}: each rule event that
 * {@link RuleIntakeProcessor} sent to a calendar or resource of this partition is stored and folded into the rule's
 * timeline there, and the occurrences it changed in the detection window are swept for breaches, warnings and
 * double bookings among the scope's items, bookings and other rules' occurrences (ADR 0069). Its conflict events are
 * stamped with the rule event's envelope.
 *
 * <p>A wall-clock punctuation moves the window's horizon on, a whole hour at a time: the occurrences that start in
 * the new hour are swept as a rule's change would be.
 */
final class RuleConflictsProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(RuleConflictsProcessor.class);

    private final EventCodec codec;
    private final RuleRouter router;
    private final ConflictMetrics metrics;
    private final RuleSettings settings;
    private @Nullable ProcessorContext<String, byte[]> context;
    private @Nullable PartitionState state;

    RuleConflictsProcessor(EventCodec codec, RuleRouter router, ConflictMetrics metrics, RuleSettings settings) {
        this.codec = codec;
        this.router = router;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.state = PartitionState.of(context, codec);
        context.schedule(settings.horizonCheckInterval(), PunctuationType.WALL_CLOCK_TIME, ignored -> advanceHorizon());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ProcessorContext<String, byte[]> context = Objects.requireNonNull(this.context, "processor not initialised");
        RecordMetadata origin = context.recordMetadata()
                .orElseThrow(() -> new IllegalStateException("a consumed record has no topic, partition and offset"));
        Timer.Sample sample = metrics.startHandling();
        try {
            handle(context, Objects.requireNonNull(state), record, origin);
        } finally {
            metrics.stopHandling(sample, origin.topic());
        }
    }

    private void handle(ProcessorContext<String, byte[]> context, PartitionState state, Record<String, byte[]> record,
                        RecordMetadata origin) {
        EventMetadata envelope;
        List<ConflictChange> changes;
        try {
            RulesByScope.Key key = RulesByScope.Key.parse(String.valueOf(record.key()));
            RawEvent raw = new RawEvent(record.timestamp(), record.headers(), record.value());
            ReceivedEvent received = codec.fromRecord(raw.asConsumed(key.ruleId().value()));
            envelope = received.metadata();
            if (!(received.event() instanceof RuleEvent event) || !event.subject().equals(key.ruleId().value())
                    || envelope.aggregateVersion() != key.version()) {
                throw new PoisonMessageException("record " + key + " does not hold version " + key.version() + " of rule "
                        + key.ruleId() + " but " + envelope.type() + " of " + received.event().subject() + " at version "
                        + envelope.aggregateVersion());
            }
            if (!(router.decide(received) instanceof Decision.Handle<RuleRouter.Intake> handle)) {
                metrics.handled(origin.topic());
                return;
            }
            RuleChange change = state.rules().apply(key.scope(), key.ruleId(), key.version(), raw, event, envelope,
                    settings.clock().instant());
            changes = change.duplicate() ? List.of() : detect(state, key.scope(), change::changedIntervals, handle.work().cause());
            Escalations.startClocks(state.conflicts(), changes, envelope.time());
            state.commit();
        } catch (KafkaException outage) {
            state.discard();
            throw outage;
        } catch (RuntimeException failure) {
            // A poison record, or deterministic handling that fails the same way on every retry.
            state.discard();
            DeadLetters.setAside(context, record, origin, failure, log, metrics);
            return;
        }
        for (ConflictChange change : changes) {
            forward(context, change, ConflictEventMetadata.of(change, envelope), record.timestamp());
        }
        metrics.published(changes);
        metrics.handled(origin.topic());
    }

    private static List<ConflictChange> detect(PartitionState state, RuleScope scope, Supplier<List<TimeRange>> changed, String cause) {
        return scope.kind() == RuleScope.Kind.CALENDAR
                ? state.trackers().calendars().rulesChanged(scope.calendarId(), changed, cause)
                : state.trackers().resources().rulesChanged(scope.resourceId(), changed, cause);
    }

    /** Moves the horizon on if the wall clock has reached a new hour, and sweeps the occurrences that start in it. */
    private void advanceHorizon() {
        ProcessorContext<String, byte[]> context = Objects.requireNonNull(this.context);
        PartitionState state = Objects.requireNonNull(this.state);
        Instant now = settings.clock().instant();
        Instant horizon = DetectionWindow.horizonAt(now);
        List<ConflictChange> changes = new ArrayList<>();
        try {
            Map<RuleScope, List<TimeRange>> arriving = state.rules().advanceTo(horizon);
            arriving.forEach((scope, intervals) ->
                    changes.addAll(detect(state, scope, () -> intervals, "the detection horizon moved on to " + horizon)));
            Escalations.startClocks(state.conflicts(), changes, now);
            state.commit();
        } catch (RuntimeException failure) {
            state.discard();
            throw failure;
        }
        for (ConflictChange change : changes) {
            forward(context, change, ConflictEventMetadata.ofTimer(change, now), now.toEpochMilli());
        }
        if (!changes.isEmpty()) {
            log.info("The detection horizon moved on to {}: {} conflict events", horizon, changes.size());
            metrics.published(changes);
        }
    }

    private void forward(ProcessorContext<String, byte[]> context, ConflictChange change, EventMetadata metadata, long timestamp) {
        ProducerRecord<String, byte[]> event = codec.toRecord(metadata, change.event());
        context.forward(new Record<>(event.key(), event.value(), timestamp, event.headers()), ConflictTopology.CONFLICTS_SINK);
    }
}
