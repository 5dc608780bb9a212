package dev.almanac.query.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.TransientFailures;

/**
 * Consumes every topic that feeds a read model, as three listeners that never wait for each other (ADR 0068, ADR 0074):
 * <ul>
 * <li>{@value Projections#LISTENER_ID}, in the {@code query-service} group: what people and their tools change
 * (calendars, items, runs, conflicts, the dispatcher's decisions), a poll of up to
 * {@code almanac.query.projection-batch-size} records;</li>
 * <li>{@value Projections#RULES_LISTENER_ID}, in the {@code query-service-rules} group: the rules and their change
 * requests, a poll of up to {@code almanac.query.projection-batch-size}, so that an item never waits behind a load of
 * rules;</li>
 * <li>{@value Projections#MISSED_RUNS_LISTENER_ID}, in the {@code query-service-missed-runs} group: rule-expander's
 * {@code almanac.missed-runs.v1}, the missed runs and backfill runs, which cannot be computed from the rules (ADR 0072),
 * a poll of up to {@code almanac.query.missed-run-batch-size}.</li>
 * </ul>
 * None reads {@code almanac.occurrences.v1}: the rule occurrences it carries are computed from the rules' timelines
 * (ADR 0068).
 * Each listener thread applies its whole poll as one batch and returns only when its writes are done, so its container
 * commits the offsets after the writes; after a crash the records come again and the version guards make that a no-op.
 *
 * <p>A record that can never be applied (undecodable, or of a topic no projector decides) stops the batch where it is:
 * the records before it are written, then a {@link BatchListenerFailedException} names its index, so the platform's error
 * handler commits the records before it, sends it to {@code <topic>.DLT} and delivers the rest again. Any other failure
 * that waiting may cure (MongoDB down, a write that kept losing its compare-and-set) names index 0, with the cause, and the
 * platform retries with backoff; any other is traced to the one record that causes it.
 *
 * <p>After each batch it raises the store's own record of how far it holds each partition ({@link ProjectedOffsets}),
 * skipped records included, and on every assignment of either listener it resumes a partition from there when the store
 * holds less than the group's committed offset says: an empty store is rebuilt from the topics (ADR 0014).
 */
@Component
class ProjectionListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ProjectionListener.class);

    private final EventCodec codec;
    private final Projections projections;
    private final ProjectionMetrics facts;
    private final ProjectionMetrics rules;
    private final ProjectionMetrics missedRuns;
    private final ReadModelCatchUp catchUp;

    ProjectionListener(EventCodec codec, Projections projections, MeterRegistry meters, ReadModelCatchUp catchUp) {
        this.codec = codec;
        this.projections = projections;
        this.catchUp = catchUp;
        this.facts = new ProjectionMetrics(meters, "facts");
        this.rules = new ProjectionMetrics(meters, "rules");
        this.missedRuns = new ProjectionMetrics(meters, "missed_runs");
    }

    @KafkaListener(id = Projections.LISTENER_ID, idIsGroup = false, batch = "true",
            topics = "#{T(dev.almanac.query.projection.Projections).factTopics()}",
            properties = "max.poll.records=${almanac.query.projection-batch-size:500}")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        project(records, facts);
    }

    @KafkaListener(id = Projections.RULES_LISTENER_ID, idIsGroup = false, batch = "true",
            groupId = "${spring.kafka.consumer.group-id}-rules",
            topics = "#{T(dev.almanac.query.projection.Projections).ruleTopics()}",
            properties = "max.poll.records=${almanac.query.projection-batch-size:500}")
    void onRules(List<ConsumerRecord<String, byte[]>> records) {
        project(records, rules);
    }

    @KafkaListener(id = Projections.MISSED_RUNS_LISTENER_ID, idIsGroup = false, batch = "true",
            groupId = "${spring.kafka.consumer.group-id}-missed-runs",
            topics = "#{T(dev.almanac.query.projection.Projections).missedRunTopics()}",
            properties = "max.poll.records=${almanac.query.missed-run-batch-size:500}")
    void onMissedRuns(List<ConsumerRecord<String, byte[]>> records) {
        project(records, missedRuns);
    }

    private void project(List<ConsumerRecord<String, byte[]>> records, ProjectionMetrics metrics) {
        long started = metrics.start();
        List<DecidedEvent> decided = new ArrayList<>(records.size());
        List<Integer> decoded = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, byte[]> record = records.get(index);
            try {
                decided.add(projections.decide(codec.fromRecord(record),
                        new RecordPosition(record.topic(), record.partition(), record.offset())));
                decoded.add(index);
            } catch (PoisonMessageException poison) {
                apply(decided, decoded, records);
                // The poison record goes to the DLT: the store need not hold it to be complete.
                projections.offsets().held(records.subList(0, index + 1));
                throw new BatchListenerFailedException(poison.getMessage(), poison, index);
            }
        }
        apply(decided, decoded, records);
        projections.offsets().held(records);
        catchUp.readTo(nextOffsets(records));
        metrics.written(records, started);
    }

    private static Map<TopicPartition, Long> nextOffsets(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, Long> next = new HashMap<>();
        records.forEach(record -> next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max));
        return next;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Map<TopicPartition, Long> rewinds = projections.offsets().rewinds(assignments);
        if (!rewinds.isEmpty()) {
            log.info("The read models hold less than the committed offsets of {}; reading them again from {}",
                    rewinds.keySet(), rewinds);
            rewinds.forEach((partition, offset) -> callback.seek(partition.topic(), partition.partition(), offset));
        }
        Map<TopicPartition, Long> startingAt = new HashMap<>(assignments);
        startingAt.putAll(rewinds);
        catchUp.assigned(startingAt);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        catchUp.revoked(partitions);
    }

    /** Called while a listener has nothing to read, with its consumer's positions: past a topic's transaction markers. */
    @Override
    public void onIdleContainer(Map<TopicPartition, Long> positions, ConsumerSeekCallback callback) {
        catchUp.readTo(positions);
    }

    /**
     * Applies the decided events, {@code decoded} being their records' indexes in {@code records}, the whole poll, whose
     * indexes a failure names.
     */
    private void apply(List<DecidedEvent> decided, List<Integer> decoded, List<ConsumerRecord<String, byte[]>> records) {
        if (decided.isEmpty()) {
            return;
        }
        List<ProjectionOutcome> outcomes;
        try {
            outcomes = projections.applyNow(decided);
        } catch (RuntimeException failure) {
            if (TransientFailures.isTransient(failure) || decided.size() == 1) {
                int index = TransientFailures.isTransient(failure) ? 0 : decoded.get(0);
                throw new BatchListenerFailedException("could not apply a batch of " + decided.size() + " records: "
                        + failure.getMessage(), failure, index);
            }
            applyOneByOne(decided, decoded, records, failure);
            return;
        }
        if (log.isDebugEnabled()) {
            log.debug("Applied {} records: {}", decided.size(), outcomes);
        }
    }

    /**
     * A batch failed for a reason that waiting will not cure. Naming index 0 would send the
     * records before the culprit to the DLT one by one, so each record is written alone (the
     * version guards make the ones already written no-ops) until the one that cannot be: that
     * index goes to the DLT, and the records behind it come again.
     */
    private void applyOneByOne(List<DecidedEvent> decided, List<Integer> decoded, List<ConsumerRecord<String, byte[]>> records,
                               RuntimeException batchFailure) {
        log.warn("A batch of {} records failed ({}); writing them one by one to find the record at fault",
                decided.size(), batchFailure.toString());
        for (int index = 0; index < decided.size(); index++) {
            try {
                projections.applyNow(List.of(decided.get(index)));
            } catch (RuntimeException failure) {
                int atFault = decoded.get(index);
                projections.offsets().held(records.subList(0, atFault));
                RuntimeException cause = TransientFailures.isTransient(failure) ? failure
                        : new PoisonMessageException("the read models cannot store this record: " + failure.getMessage(), failure);
                throw new BatchListenerFailedException(cause.getMessage(), cause, atFault);
            }
        }
    }
}
