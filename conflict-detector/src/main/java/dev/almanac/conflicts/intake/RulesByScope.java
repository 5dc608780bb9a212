package dev.almanac.conflicts.intake;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

import dev.almanac.conflicts.rule.RuleScope;
import dev.almanac.events.rule.RuleId;

/**
 * conflict-detector's own topic that carries each rule event from the task of the rule's id to the task of every
 * calendar and resource the rule has named ({@value #TOPIC}): internal, not a contract. A record is the rule event
 * exactly as {@code almanac.rules.v1} held it (value, CloudEvents headers, timestamp), keyed
 * {@code <scope>|<rule>|<version>} and sent to the partition of the scope's id, hashed as Kafka's default partitioner
 * hashes a record key: where {@code almanac.calendars.v1} keeps the calendar's or resource's own events. It has the
 * partition count of the input topics and is compacted by that key, which no two events share, so every event stays
 * for as long as the topic: a partition restored from scratch still finds each rule's whole history (ADR 0069).
 */
public final class RulesByScope {

    public static final String TOPIC = "conflict-detector-rules";

    private RulesByScope() {
    }

    /** Where one rule event goes, and which one it is. */
    public record Key(RuleScope scope, RuleId ruleId, long version) {

        /** @throws IllegalArgumentException if {@code key} is not one {@link #toString()} writes */
        public static Key parse(String key) {
            int first = key.indexOf('|');
            int last = key.lastIndexOf('|');
            if (first < 0 || last == first) {
                throw new IllegalArgumentException("'" + key + "' is not <scope>|<rule>|<version>");
            }
            try {
                return new Key(RuleScope.parse(key.substring(0, first)), RuleId.of(key.substring(first + 1, last)),
                        Long.parseLong(key.substring(last + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + key + "' does not end in a rule version", e);
            }
        }

        @Override
        public String toString() {
            return scope.token() + "|" + ruleId.value() + "|" + version;
        }
    }

    /** The partition of a scope's id: the default partitioner's, so that it is the partition of the calendar's or resource's events. */
    public static int partitionOf(RuleScope scope, int partitions) {
        return Utils.toPositive(Utils.murmur2(scope.id().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Sends each rule event to its scope's partition. */
    static final class ByScope implements StreamPartitioner<String, byte[]> {

        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, byte[] value, int numPartitions) {
            return Optional.of(Set.of(partitionOf(Key.parse(key).scope(), numPartitions)));
        }
    }
}
