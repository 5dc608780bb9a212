package dev.almanac.conflicts.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

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
import dev.almanac.platform.streams.DuePunctuation;

/**
 * The rules' side of a partition's task, on the same stores as {@link CalendarFactsProcessor}: each rule event that
 * {@link RuleIntakeProcessor} sent to a calendar or resource of this partition is stored and folded into the rule's
 * timeline there, and the occurrences it changed in the detection window are swept for breaches, warnings and
 * double bookings among the scope's items, bookings and other rules' occurrences (ADR 0069). Its conflict events are
 * stamped with the rule event's envelope.
 *
 * <p>A wall-clock punctuation moves the window's horizon on, a whole hour at a time: the occurrences that start in
 * the new hour are swept as a rule's change would be. It is armed for the next whole hour, when the horizon moves
 * (ADR 0098).
 */
final class RuleConflictsProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(RuleConflictsProcessor.class);

    private final EventCodec codec;
    private final RuleRouter router;
    private final RuleSettings settings;
    private final RecordHandling handling;
    private @Nullable PartitionState state;
    private @Nullable DuePunctuation horizonMoves;

    RuleConflictsProcessor(EventCodec codec, RuleRouter router, ConflictMetrics metrics, RuleSettings settings) {
        this.codec = codec;
        this.router = router;
        this.settings = settings;
        this.handling = new RecordHandling(codec, metrics, log);
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.state = handling.initPartition(context);
        DuePunctuation horizonMoves = new DuePunctuation(context, settings.clock(), settings.horizonCheckInterval(), this::advanceHorizon);
        this.horizonMoves = horizonMoves;
        horizonMoves.armFor(DetectionWindow.nextHorizonMove(settings.clock().instant()));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        handling.timed(origin -> applyRuleEvent(Objects.requireNonNull(state), record, origin));
    }

    /** The conflict events of one rule event, stamped with its envelope. */
    private record Detected(EventMetadata envelope, List<ConflictChange> changes) {
    }

    private void applyRuleEvent(PartitionState state, Record<String, byte[]> record, RecordMetadata origin) {
        Optional<Detected> applied = handling.applied(record, origin, state, () -> {
            RulesByScope.Key key = RulesByScope.Key.parse(String.valueOf(record.key()));
            RawEvent raw = new RawEvent(record.timestamp(), record.headers(), record.value());
            ReceivedEvent received = codec.fromRecord(raw.asConsumed(key.ruleId().value()));
            EventMetadata envelope = received.metadata();
            if (!(received.event() instanceof RuleEvent event) || !event.subject().equals(key.ruleId().value())
                    || envelope.aggregateVersion() != key.version()) {
                throw new PoisonMessageException("record " + key + " does not hold version " + key.version() + " of rule "
                        + key.ruleId() + " but " + envelope.type() + " of " + received.event().subject() + " at version "
                        + envelope.aggregateVersion());
            }
            if (!(router.decide(received) instanceof Decision.Handle<RuleRouter.Intake> handle)) {
                // Nothing to fold: the record is handled without a write.
                return new Detected(envelope, List.of());
            }
            RuleChange change = state.rules().apply(key.scope(), key.ruleId(), key.version(), raw, event, envelope,
                    settings.clock().instant());
            List<ConflictChange> changes = change.duplicate() ? List.of()
                    : detect(state, key.scope(), change::changedIntervals, handle.work().cause());
            Escalations.startClocks(state.conflicts(), changes, envelope.time());
            return new Detected(envelope, changes);
        });
        if (applied.isEmpty()) {
            return;
        }
        for (ConflictChange change : applied.get().changes()) {
            handling.forward(change, ConflictEventMetadata.of(change, applied.get().envelope()), record.timestamp());
        }
        handling.published(applied.get().changes());
        handling.handled(origin);
    }

    private static List<ConflictChange> detect(PartitionState state, RuleScope scope, Supplier<List<TimeRange>> changed, String cause) {
        return scope.kind() == RuleScope.Kind.CALENDAR
                ? state.trackers().calendars().rulesChanged(scope.calendarId(), changed, cause)
                : state.trackers().resources().rulesChanged(scope.resourceId(), changed, cause);
    }

    /** Moves the horizon on if the wall clock has reached a new hour, and sweeps the occurrences that start in it. */
    private void advanceHorizon() {
        PartitionState state = Objects.requireNonNull(this.state);
        Instant now = settings.clock().instant();
        Instant horizon = DetectionWindow.horizonAt(now);
        List<ConflictChange> changes = RecordHandling.committed(state, () -> {
            List<ConflictChange> arrived = new ArrayList<>();
            state.rules().advanceTo(horizon).forEach((scope, intervals) ->
                    arrived.addAll(detect(state, scope, () -> intervals, "the detection horizon moved on to " + horizon)));
            Escalations.startClocks(state.conflicts(), arrived, now);
            return arrived;
        });
        for (ConflictChange change : changes) {
            handling.forward(change, ConflictEventMetadata.ofTimer(change, now), now.toEpochMilli());
        }
        if (!changes.isEmpty()) {
            log.info("The detection horizon moved on to {}: {} conflict events", horizon, changes.size());
            handling.published(changes);
        }
        Objects.requireNonNull(horizonMoves).armFor(DetectionWindow.nextHorizonMove(now));
    }
}
