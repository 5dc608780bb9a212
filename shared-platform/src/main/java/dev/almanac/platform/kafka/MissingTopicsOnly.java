package dev.almanac.platform.kafka;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Which declared topics {@link KafkaAdmin} may act on: only those that do not exist yet. On its own, KafkaAdmin raises an
 * existing topic's partition count to the declared one, and a raised count moves keys to other partitions than their
 * earlier records; an operator does that on purpose, never a service's start (ADR 0069, docs/operating.md).
 */
final class MissingTopicsOnly implements Predicate<NewTopic> {

    /** KafkaAdmin asks once per declared topic in a row: one listing serves them all. */
    private static final Duration LISTING_KEPT = Duration.ofSeconds(10);

    private final KafkaAdmin admin;
    private @Nullable Set<String> existing;
    private long listedAt;

    MissingTopicsOnly(KafkaAdmin admin) {
        this.admin = admin;
    }

    @Override
    public boolean test(NewTopic topic) {
        Set<String> names = existing();
        // Unlisted (no broker yet): KafkaAdmin meets the same broker next and reports it as it always has.
        return names == null || !names.contains(topic.name());
    }

    private synchronized @Nullable Set<String> existing() {
        if (existing == null || System.nanoTime() - listedAt > LISTING_KEPT.toNanos()) {
            try (Admin client = Admin.create(admin.getConfigurationProperties())) {
                existing = client.listTopics().names().get(admin.getOperationTimeout(), TimeUnit.SECONDS);
                listedAt = System.nanoTime();
            } catch (ExecutionException | TimeoutException unlisted) {
                return null;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return existing;
    }
}
