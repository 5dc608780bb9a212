package dev.almanac.conflicts.intake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.conflicts.command.CommandOutcome;
import dev.almanac.conflicts.command.CommandTopics;
import dev.almanac.conflicts.command.ConflictCommand;
import dev.almanac.conflicts.lifecycle.ConflictChange;
import dev.almanac.conflicts.lifecycle.ConflictEventMetadata;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.lifecycle.ConflictTransitions;
import dev.almanac.conflicts.lifecycle.Escalations;
import dev.almanac.conflicts.lifecycle.StoredConflict;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.kafka.EventCodec;

/**
 * The lifecycle side of a partition's task, on the same stores as {@link CalendarFactsProcessor}:
 * <ul>
 *   <li>Each command of its partition of the command topic is decided against the conflict, if the
 *       partition holds it, and the outcome goes to the outcome topic for the waiting request. A
 *       task handles its records one at a time, so two commands for one conflict are decided in
 *       order: the first changes the version, and the second, naming the old one, is refused.</li>
 *   <li>A wall-clock punctuation escalates the partition's conflicts whose SCH-015 time has come.</li>
 * </ul>
 * Its stores, events and outcomes commit in the task's transaction, as the facts' do.
 */
final class ConflictCommandsProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(ConflictCommandsProcessor.class);
    /** Escalations per punctuation, so that one transaction stays small; the rest follow at the next. */
    private static final int ESCALATIONS_PER_CHECK = 500;

    private final EventCodec codec;
    private final ConflictMetrics metrics;
    private final LifecycleSettings settings;
    private @Nullable ProcessorContext<String, byte[]> context;
    private @Nullable PartitionState state;

    ConflictCommandsProcessor(EventCodec codec, ConflictMetrics metrics, LifecycleSettings settings) {
        this.codec = codec;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.state = PartitionState.of(context);
        context.schedule(settings.escalationCheckInterval(), PunctuationType.WALL_CLOCK_TIME, ignored -> escalateDue());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ProcessorContext<String, byte[]> context = Objects.requireNonNull(this.context, "processor not initialised");
        PartitionState state = Objects.requireNonNull(this.state);
        RecordMetadata origin = context.recordMetadata()
                .orElseThrow(() -> new IllegalStateException("a consumed record has no topic, partition and offset"));
        ConflictCommand command;
        try {
            command = CommandTopics.decodeCommand(record.value());
        } catch (RuntimeException poison) {
            deadLetter(context, record, origin, poison);
            return;
        }
        CommandOutcome outcome;
        ConflictChange applied = null;
        try {
            Optional<StoredConflict> held = validId(command.conflictId()).flatMap(state.conflicts()::find);
            if (held.isEmpty()) {
                outcome = CommandOutcome.notHere(command.commandId(), origin.partition());
            } else {
                StoredConflict conflict = held.get();
                ConflictTransitions.Decision decision = ConflictTransitions.decide(conflict, command);
                if (decision instanceof ConflictTransitions.Applied done) {
                    state.conflicts().record(done.change());
                    applied = done.change();
                    outcome = new CommandOutcome(command.commandId(), origin.partition(), CommandOutcome.Result.APPLIED,
                            conflict.id().value(), conflict.lastDetected().calendarId().value(), done.change().status(),
                            done.change().version(), command.requestedAt(), null, null);
                } else {
                    ConflictTransitions.Refused refused = (ConflictTransitions.Refused) decision;
                    outcome = new CommandOutcome(command.commandId(), origin.partition(), refused.result(), conflict.id().value(),
                            conflict.lastDetected().calendarId().value(), conflict.status(), conflict.version(), null,
                            refused.rule(), refused.message());
                }
            }
            state.commit();
        } catch (KafkaException outage) {
            state.discard();
            throw outage;
        } catch (RuntimeException failure) {
            state.discard();
            log.error("Handling command {} failed; dead-lettering it", command.commandId(), failure);
            deadLetter(context, record, origin, failure);
            return;
        }
        if (applied != null) {
            forward(context, applied, ConflictEventMetadata.of(applied, command), record.timestamp());
            metrics.published(List.of(applied));
        }
        context.forward(new Record<>(command.commandId(), CommandTopics.encode(outcome), record.timestamp(), new RecordHeaders()),
                ConflictTopology.OUTCOMES_SINK);
    }

    private void escalateDue() {
        ProcessorContext<String, byte[]> context = Objects.requireNonNull(this.context);
        PartitionState state = Objects.requireNonNull(this.state);
        Instant now = settings.clock().instant();
        List<ConflictChange> escalated;
        try {
            escalated = Escalations.escalateDue(state.conflicts(), now, settings.escalateTo(), ESCALATIONS_PER_CHECK);
            state.commit();
        } catch (RuntimeException failure) {
            state.discard();
            throw failure;
        }
        for (ConflictChange change : escalated) {
            forward(context, change, ConflictEventMetadata.ofTimer(change, now), now.toEpochMilli());
        }
        if (!escalated.isEmpty()) {
            log.info("Escalated {} conflicts left unresolved past their SCH-015 deadline", escalated.size());
            metrics.published(escalated);
        }
    }

    private static Optional<ConflictId> validId(String id) {
        try {
            return Optional.of(ConflictId.of(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void forward(ProcessorContext<String, byte[]> context, ConflictChange change,
                         EventMetadata metadata, long timestamp) {
        ProducerRecord<String, byte[]> event = codec.toRecord(metadata, change.event());
        context.forward(new Record<>(event.key(), event.value(), timestamp, event.headers()), ConflictTopology.CONFLICTS_SINK);
    }

    private void deadLetter(ProcessorContext<String, byte[]> context, Record<String, byte[]> record, RecordMetadata origin,
                            RuntimeException failure) {
        log.warn("Dead-lettering {}-{}@{}: {}", origin.topic(), origin.partition(), origin.offset(), failure.getMessage());
        context.forward(DeadLetters.of(record, origin, context.applicationId(), failure), ConflictTopology.deadLetterSink(origin.topic()));
    }
}
