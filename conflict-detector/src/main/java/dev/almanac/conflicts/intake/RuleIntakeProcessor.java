package dev.almanac.conflicts.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;
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

    private final RuleRouter router;
    private final RecordHandling handling;
    private @Nullable StagedStore staged;
    private @Nullable RuleHistoryStore history;

    RuleIntakeProcessor(EventCodec codec, RuleRouter router, ConflictMetrics metrics) {
        this.router = router;
        this.handling = new RecordHandling(codec, metrics, LoggerFactory.getLogger(RuleIntakeProcessor.class));
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        handling.init(context);
        this.staged = new StagedStore(context.getStateStore(RuleHistoryStore.STORE));
        this.history = new RuleHistoryStore(staged);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        handling.timed(origin -> sendToScopes(Objects.requireNonNull(staged), Objects.requireNonNull(history), record, origin));
    }

    /** One rule event to one scope, with the event's own time, headers and value. */
    private record Sending(RulesByScope.Key key, RawEvent event) {
    }

    private void sendToScopes(StagedStore staged, RuleHistoryStore history, Record<String, byte[]> record, RecordMetadata origin) {
        Optional<List<Sending>> applied = handling.applied(record, origin, staged, () -> {
            ReceivedEvent received = handling.decode(record, origin);
            if (!received.event().partitionKey().equals(record.key())) {
                throw new PoisonMessageException("record key " + record.key() + " is not the rule id " + received.event().partitionKey()
                        + " that " + received.metadata().type() + " is partitioned by");
            }
            if (!(router.decide(received) instanceof Decision.Handle<RuleRouter.Intake> handle)) {
                return List.of();
            }
            RuleId ruleId = handle.work().ruleId();
            long version = received.metadata().aggregateVersion();
            if (history.has(ruleId, version)) {
                return List.of();
            }
            List<Sending> sendings = new ArrayList<>();
            SortedSet<RuleScope> scopes = history.scopes(ruleId);
            List<RuleScope> added = handle.work().named().stream().filter(scope -> !scopes.contains(scope)).distinct().toList();
            if (!added.isEmpty()) {
                // A calendar or resource new to the rule folds its timeline from the creation on: it gets every earlier event first.
                List<RuleHistoryStore.Versioned> earlier = history.events(ruleId);
                for (RuleScope scope : added) {
                    earlier.forEach(one -> sendings.add(new Sending(new RulesByScope.Key(scope, ruleId, one.version()), one.event())));
                }
                scopes.addAll(added);
                history.saveScopes(ruleId, scopes);
            }
            RawEvent event = new RawEvent(record.timestamp(), record.headers(), record.value());
            history.put(ruleId, version, event);
            scopes.forEach(scope -> sendings.add(new Sending(new RulesByScope.Key(scope, ruleId, version), event)));
            return sendings;
        });
        if (applied.isEmpty()) {
            return;
        }
        List<Sending> sendings = applied.get();
        ProcessorContext<String, byte[]> context = handling.context();
        for (Sending sending : sendings) {
            context.forward(new Record<>(sending.key().toString(), sending.event().value(), sending.event().timestamp(),
                    new RecordHeaders(sending.event().headers().toArray())), ConflictTopology.RULES_BY_SCOPE_SINK);
        }
        if (!sendings.isEmpty()) {
            // The scopes' tasks see the event once this transaction commits: ask for the commit now.
            context.commit();
        }
        handling.handled(origin);
    }
}
