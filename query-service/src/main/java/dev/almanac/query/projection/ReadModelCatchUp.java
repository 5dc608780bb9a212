package dev.almanac.query.projection;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Readiness that means complete (issue 75): the local stack's read models live in memory and are rebuilt from the topics
 * at a start, or read on from where a clean stop's snapshot left them (ADR 0014, 0100), so query-service is ready only once each of its listeners has read every partition it is assigned up to
 * that partition's end as of the start (its last stable offset, what a read_committed consumer reaches). Until then a
 * read may miss what was written before the restart, and the readiness probe, the local stack's banner and a load
 * balancer say so. Once reached it stays reached: lag after the start is the ordinary delay that consistency tokens
 * cover (ADR 0058), unless the store is found emptied under the running service ({@link #storeReplaced}), which starts
 * the wait again.
 *
 * <p>The positions are the consumers' own: where each partition starts on assignment (after a rewind of an emptied
 * store), each batch's last offset, and the position an idle container reports, which is past the transaction markers
 * that end a topic written in transactions.
 */
@Component("readModels")
public class ReadModelCatchUp implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ReadModelCatchUp.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<@Nullable Map<TopicPartition, Long>> readEnds;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    /** The topics of the listeners that were assigned partitions at least once. */
    private final Set<String> assignedTopics = ConcurrentHashMap.newKeySet();
    private volatile @Nullable Map<TopicPartition, Long> targets;
    private volatile boolean reached;

    @Autowired
    public ReadModelCatchUp(KafkaAdmin kafkaAdmin) {
        this(() -> endsNow(kafkaAdmin, Set.of(Projections.topics())));
    }

    /** @param readEnds the topics' ends now, or null while the broker cannot tell */
    ReadModelCatchUp(Supplier<@Nullable Map<TopicPartition, Long>> readEnds) {
        this.readEnds = readEnds;
    }

    /** The topics' ends as of the start, read once the broker answers; empty until then. */
    private @Nullable Map<TopicPartition, Long> targets() {
        Map<TopicPartition, Long> read = targets;
        if (read != null) {
            return read;
        }
        synchronized (this) {
            if (targets == null) {
                targets = readEnds.get();
            }
            return targets;
        }
    }

    private static @Nullable Map<TopicPartition, Long> endsNow(KafkaAdmin kafkaAdmin, Set<String> topics) {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<String> present = topics.stream().filter(existing::contains).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(present).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values()) {
                topic.partitions().forEach(partition -> latest.put(new TopicPartition(topic.name(), partition.partition()),
                        OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, end) -> ends.put(partition, end.offset()));
            log.info("The read models are complete once {} partitions are read to their ends as of the start ({} records in all)",
                    ends.size(), ends.values().stream().mapToLong(Long::longValue).sum());
            return Map.copyOf(ends);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception unreachable) {
            log.debug("The topics' ends could not be read yet", unreachable);
            return null;
        }
    }

    /**
     * The store was found emptied while the service ran ({@link EmptiedStoreWatch}): not ready again until every listener,
     * assigned anew, has read its partitions to their ends as of now.
     */
    void storeReplaced() {
        synchronized (this) {
            targets = null;
            reached = false;
            assigned.clear();
            assignedTopics.clear();
            positions.clear();
        }
        log.info("The read models are being rebuilt: out of service until they hold the topics to their ends as of now");
    }

    /** A listener was assigned these partitions, which it reads from these offsets. */
    void assigned(Map<TopicPartition, Long> startingAt) {
        targets();
        startingAt.forEach((partition, offset) -> {
            assigned.add(partition);
            assignedTopics.add(partition.topic());
            positions.put(partition, offset);
        });
    }

    void revoked(Iterable<TopicPartition> partitions) {
        partitions.forEach(assigned::remove);
    }

    /** A listener read up to, not including, these offsets. */
    void readTo(Map<TopicPartition, Long> nextOffsets) {
        nextOffsets.forEach((partition, next) -> positions.merge(partition, next, Math::max));
    }

    boolean reached() {
        if (reached) {
            return true;
        }
        Map<TopicPartition, Long> ends = targets();
        if (ends == null) {
            return false;
        }
        Set<String> listened = new HashSet<>();
        ends.keySet().forEach(partition -> listened.add(partition.topic()));
        if (!assignedTopics.containsAll(listened)) {
            return false;
        }
        long behind = behind(ends);
        if (behind == 0) {
            reached = true;
            log.info("The read models hold every record written before the start: ready");
        }
        return reached;
    }

    /** The records that the assigned partitions still lack of their ends as of the start. */
    private long behind(Map<TopicPartition, Long> ends) {
        long behind = 0;
        for (TopicPartition partition : assigned) {
            long end = ends.getOrDefault(partition, 0L);
            behind += Math.max(0, end - positions.getOrDefault(partition, 0L));
        }
        return behind;
    }

    @Override
    public Health health() {
        if (reached()) {
            return Health.up().build();
        }
        Map<TopicPartition, Long> ends = targets;
        return Health.outOfService()
                .withDetail("reason", ends == null ? "the topics' ends are not known yet"
                        : "rebuilding the read models from the topics (ADR 0014)")
                .withDetail("records_behind", ends == null ? -1 : behind(ends))
                .withDetail("topics_not_assigned", ends == null ? List.of()
                        : Arrays.stream(Projections.topics()).filter(topic -> ends.keySet().stream().anyMatch(p -> p.topic().equals(topic))
                                && !assignedTopics.contains(topic)).toList())
                .build();
    }
}
