package dev.almanac.rules.repair;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.Topics;
import dev.almanac.rules.missed.MissedCheckHold;
import dev.almanac.rules.missed.RunReports;
import dev.almanac.rules.rule.RuleStore;

/**
 * Rebuilds rule-expander's state (the {@code rules} and {@code occurrence_runs} collections) from the topics it reads:
 * its listeners stop, the consumer group's offsets on those topics go back to their beginning, the collections are
 * dropped, and the listeners read everything again: the rules first (a heartbeat's run report needs its rule stored),
 * then the run reports and the dispatcher's skips. The scheduled missed-run check is held meanwhile, so that it never
 * meets an occurrence whose report is still to be read again. Each rule is stored again from its events in order and its
 * occurrences published
 * again from where it starts: they are derived from the rule and its version only, so they carry the ids, and so the
 * {@code ce_id}s, they had, and every consumer drops them as duplicates (ADR 0057).
 *
 * <p>A listener is caught up when it is idle (a poll found nothing for a second) with every partition of its topics
 * read to the end the topic had when the rebuild began. The group's other members must be stopped first: Kafka refuses to
 * move the offsets of a group that has members, and the rebuild then restarts the listeners and says so.
 */
@Component
public class RuleStateRebuild {

    private static final Logger log = LoggerFactory.getLogger(RuleStateRebuild.class);
    /** rule-expander's listeners, by their ids in the registry (RunEventsListener, RuleEventsListener). */
    static final Map<String, String> ACCOUNTED_RUNS = Map.of("rule-expander-runs", Topics.RUNS, "rule-expander-dispatch", Topics.DISPATCH);
    static final Map<String, String> RULES = Map.of("rule-expander-rules", Topics.RULES);
    private static final long IDLE_INTERVAL_MILLIS = 1000;

    private final KafkaListenerEndpointRegistry registry;
    private final MongoDatabase database;
    private final RuleStore rules;
    private final KafkaAdmin kafkaAdmin;
    private final MissedCheckHold missedCheck;
    private final String group;
    private final Duration timeout;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    /** While a rebuild waits: the end of each partition it waits for, and those some idle listener has read to it. */
    private final Map<TopicPartition, Long> awaited = new ConcurrentHashMap<>();
    private final Set<TopicPartition> reached = ConcurrentHashMap.newKeySet();

    RuleStateRebuild(KafkaListenerEndpointRegistry registry, MongoDatabase database, RuleStore rules, KafkaAdmin kafkaAdmin,
                     MissedCheckHold missedCheck, @Value("${spring.kafka.consumer.group-id}") String group,
                     @Value("${almanac.rules.rebuild-timeout:PT30M}") Duration timeout) {
        this.registry = registry;
        this.database = database;
        this.rules = rules;
        this.kafkaAdmin = kafkaAdmin;
        this.missedCheck = missedCheck;
        this.group = group;
        this.timeout = timeout;
    }

    /**
     * @throws IllegalStateException when a rebuild already runs, the group has other members, or the topics were not read
     *                               again within {@code almanac.rules.rebuild-timeout}
     */
    public RebuildReport rebuild() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("a rebuild of rule-expander's state is already running");
        }
        long started = System.nanoTime();
        Map<String, String> listeners = new LinkedHashMap<>(RULES);
        listeners.putAll(ACCOUNTED_RUNS);
        missedCheck.hold();
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            listeners.keySet().forEach(id -> container(id).stop());
            Map<TopicPartition, Long> earliest = offsets(admin, listeners.values(), OffsetSpec.earliest());
            Map<TopicPartition, Long> ends = offsets(admin, listeners.values(), OffsetSpec.latest());
            rewind(admin, earliest, listeners.keySet());
            for (String collection : List.of(RuleStore.COLLECTION, RunReports.COLLECTION)) {
                Mono.from(database.getCollection(collection).drop()).block(Duration.ofSeconds(60));
            }
            rules.createIndexes().block(Duration.ofSeconds(60));
            log.info("rule-expander's state dropped; reading {} again from the beginning", listeners.values());
            readAgain(RULES, earliest, ends);
            readAgain(ACCOUNTED_RUNS, earliest, ends);
            Map<String, Long> records = new LinkedHashMap<>();
            ends.forEach((partition, end) -> records.merge(partition.topic(), end - earliest.get(partition), Long::sum));
            RebuildReport report = new RebuildReport(records, count(RuleStore.COLLECTION), count(RunReports.COLLECTION),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            log.info("rule-expander's state rebuilt: {}", report);
            return report;
        } finally {
            awaited.clear();
            reached.clear();
            // Whatever happened, the listeners run again as before: a failed rebuild leaves them consuming.
            listeners.keySet().forEach(id -> {
                MessageListenerContainer container = container(id);
                idleEvents(container, null);
                if (!container.isRunning()) {
                    container.start();
                }
            });
            missedCheck.release();
            running.set(false);
        }
    }

    private MessageListenerContainer container(String id) {
        MessageListenerContainer container = registry.getListenerContainer(id);
        if (container == null) {
            throw new IllegalStateException("no listener " + id + " in this process");
        }
        return container;
    }

    /**
     * Sets how often an idle listener tells so, on the container and on each consumer's own copy of its properties, which
     * the consumer reads at every poll: null again once the rebuild is done, so that an idle listener is silent again.
     */
    private static void idleEvents(MessageListenerContainer container, @Nullable Long intervalMillis) {
        container.getContainerProperties().setIdleEventInterval(intervalMillis);
        if (container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent) {
            concurrent.getContainers().forEach(child -> child.getContainerProperties().setIdleEventInterval(intervalMillis));
        }
    }

    private Map<TopicPartition, Long> offsets(Admin admin, Collection<String> topics, OffsetSpec spec) {
        Map<String, TopicDescription> described = get(admin.describeTopics(topics).allTopicNames());
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        described.values().forEach(topic -> topic.partitions()
                .forEach(partition -> request.put(new TopicPartition(topic.name(), partition.partition()), spec)));
        Map<TopicPartition, ListOffsetsResultInfo> listed = get(admin.listOffsets(request).all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        listed.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private void rewind(Admin admin, Map<TopicPartition, Long> earliest, Collection<String> listeners) {
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        earliest.forEach((partition, offset) -> positions.put(partition, new OffsetAndMetadata(offset)));
        try {
            get(admin.alterConsumerGroupOffsets(group, positions).all());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("could not move group " + group + "'s offsets to the beginning (" + e.getMessage()
                    + "); stop the other replicas of rule-expander first. Nothing was dropped.", e);
        }
    }

    /** Starts the listeners and waits until each is idle with its topics read to the ends they had. */
    private void readAgain(Map<String, String> listeners, Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> ends) {
        ends.forEach((partition, end) -> {
            if (listeners.containsValue(partition.topic())) {
                if (end > earliest.get(partition)) {
                    awaited.put(partition, end);
                } else {
                    reached.add(partition);
                }
            }
        });
        listeners.keySet().forEach(id -> {
            MessageListenerContainer container = container(id);
            idleEvents(container, IDLE_INTERVAL_MILLIS);
            container.start();
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!reached.containsAll(awaited.keySet())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the listeners " + listeners.keySet() + " did not read their topics again within "
                            + timeout + " (almanac.rules.rebuild-timeout); they keep reading");
                }
                progressed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the listeners read their topics again", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * On a listener's consumer thread, after a poll found nothing: the partitions it has read to their end. Everything it
     * polled before is handled by then, since the listeners handle a poll before the next.
     */
    @EventListener
    void idle(ListenerContainerIdleEvent event) {
        if (awaited.isEmpty()) {
            return;
        }
        List<TopicPartition> done = new ArrayList<>();
        for (TopicPartition partition : event.getTopicPartitions()) {
            Long end = awaited.get(partition);
            if (end != null && event.getConsumer().position(partition, Duration.ofSeconds(5)) >= end) {
                done.add(partition);
            }
        }
        if (!done.isEmpty()) {
            reached.addAll(done);
            lock.lock();
            try {
                progressed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private long count(String collection) {
        Long count = Mono.from(database.getCollection(collection).countDocuments()).block(Duration.ofSeconds(60));
        return count == null ? 0 : count;
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e.getCause() == null ? e.toString() : e.getCause().toString(), e);
        }
    }
}
