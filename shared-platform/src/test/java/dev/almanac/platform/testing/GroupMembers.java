package dev.almanac.platform.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Who holds which partitions of one topic in a consumer group, as the broker says: what a replica test waits on before
 * it kills a member (the partitions split) and after (the survivor holds them all).
 */
public final class GroupMembers {

    private GroupMembers() {
    }

    /**
     * The members of {@code group} that hold partitions of {@code topic}, with those partitions, by their group instance
     * id when they are static members and by their member id otherwise. Members that hold only other topics are left out.
     */
    public static Map<String, Set<TopicPartition>> holding(Admin admin, String group, String topic) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
        Map<String, Set<TopicPartition>> holding = new HashMap<>();
        for (MemberDescription member : description.members()) {
            Set<TopicPartition> partitions = member.assignment().topicPartitions().stream()
                    .filter(partition -> partition.topic().equals(topic)).collect(Collectors.toSet());
            if (!partitions.isEmpty()) {
                holding.put(member.groupInstanceId().orElse(member.consumerId()), partitions);
            }
        }
        return holding;
    }

    /** How many partitions of the topic the members hold between them. */
    public static int partitions(Map<String, Set<TopicPartition>> holding) {
        return holding.values().stream().mapToInt(Set::size).sum();
    }
}
