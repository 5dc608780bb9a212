package dev.almanac.local;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import dev.almanac.events.Topics;

/**
 * What each service's Kafka principal may do (ADR 0091): the one table that the local stack's secured broker
 * ({@link KafkaSecurity}) and production's Strimzi KafkaUsers (deploy/k8s/overlays/production/kafka-users.yaml) are made
 * from; ProductionOverlayTest holds the two together. A service writes the catalogue topics it publishes, reads those it
 * consumes and dead-letters their records to their {@code .DLT}; its consumer groups share a prefix; a Kafka Streams
 * service also owns a prefix of its own, for its application ids (internal topics, groups, transactional ids) and its
 * private topics. The principal is the service's name.
 *
 * @param writes         catalogue topics it publishes
 * @param reads          catalogue topics it consumes (and dead-letters)
 * @param groupPrefixes  prefixes of its consumer groups
 * @param ownedPrefixes  prefixes of everything that is the service's alone: topics (all operations, creation included),
 *                       groups and transactional ids
 */
public record KafkaAccess(Service service, List<String> writes, List<String> reads, List<String> groupPrefixes,
                          List<String> ownedPrefixes) {

    /**
     * Derived from the code: the event types each service publishes (EventCatalog's topic of each), the
     * {@code @KafkaListener}s and Kafka Streams topologies' sources ({@code topics()} of each topology), the group ids
     * and application ids of each application.yml, and the services' private topics (CommandTopics, RoutedTopics,
     * NotifierTopics, DeliverTopics, Wakeups). Every service serves HTTP (its API, or its actuator at least), and so
     * writes {@link Topics#AUDIT}: a platform admin's request is recorded there by the service that answers it (ADR 0102).
     */
    public static final List<KafkaAccess> TABLE = List.of(
            new KafkaAccess(Service.COMMAND_SERVICE,
                    List.of(Topics.CALENDARS, Topics.SCHEDULE, Topics.RULES, Topics.RUNS, Topics.NOTIFICATION_PREFERENCES,
                            Topics.NOTIFICATION_POLICIES, Topics.AUDIT, Topics.CALENDAR_SUBSCRIPTIONS),
                    List.of(), List.of(), List.of()),
            new KafkaAccess(Service.QUERY_SERVICE,
                    List.of(Topics.AUDIT),
                    // Every topic but the occurrences, which it computes from the rules (ADR 0068, 0072).
                    Topics.ALL.stream().filter(topic -> !topic.equals(Topics.OCCURRENCES)).toList(),
                    List.of("query-service"), List.of()),
            new KafkaAccess(Service.RULE_EXPANDER,
                    List.of(Topics.OCCURRENCES, Topics.MISSED_RUNS, Topics.AUDIT),
                    List.of(Topics.RULES, Topics.RUNS, Topics.DISPATCH),
                    List.of("rule-expander"), List.of()),
            new KafkaAccess(Service.CONFLICT_DETECTOR,
                    List.of(Topics.CONFLICTS, Topics.AUDIT),
                    List.of(Topics.CALENDARS, Topics.SCHEDULE, Topics.RULES, Topics.MISSED_RUNS),
                    List.of(), List.of("conflict-detector")),
            new KafkaAccess(Service.DISPATCHER,
                    List.of(Topics.DISPATCH, Topics.NOTIFICATIONS, Topics.NOTIFICATION_DELIVERIES, Topics.AUDIT),
                    List.of(Topics.CALENDARS, Topics.SCHEDULE, Topics.RULES, Topics.RUNS, Topics.MISSED_RUNS, Topics.CONFLICTS,
                            Topics.DISPATCH, Topics.NOTIFICATIONS, Topics.NOTIFICATION_PREFERENCES, Topics.NOTIFICATION_POLICIES),
                    // The dispatcher's, notifier's and deliverer's application ids and the sender's group all start dispatcher.
                    List.of(), List.of("dispatcher", "almanac-dispatcher.", "almanac-notifier.", "almanac-deliverer.")),
            new KafkaAccess(Service.EXECUTOR,
                    List.of(Topics.RUNS, Topics.AUDIT),
                    List.of(Topics.DISPATCH),
                    List.of("executor"), List.of()));

    public KafkaAccess {
        writes = List.copyOf(writes);
        reads = List.copyOf(reads);
        groupPrefixes = List.copyOf(groupPrefixes);
        ownedPrefixes = List.copyOf(ownedPrefixes);
    }

    public static KafkaAccess of(Service service) {
        return TABLE.stream().filter(access -> access.service() == service).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kafka access for " + service));
    }

    /** The Kafka user name, {@code User:<principal>} to the authorizer. */
    public String principal() {
        return service.serviceName();
    }

    /** One operation allowed on a resource named literally or by prefix. */
    public record Permission(ResourceType resource, String name, PatternType pattern, AclOperation operation) {

        AclBinding binding(String principal) {
            return new AclBinding(new ResourcePattern(resource, name, pattern),
                    new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
        }
    }

    /** Every permission of the table's row: nothing else is allowed. */
    public Set<Permission> permissions() {
        Set<Permission> permissions = new LinkedHashSet<>();
        writes.forEach(topic -> permissions.add(new Permission(ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE)));
        for (String topic : reads) {
            permissions.add(new Permission(ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
            permissions.add(new Permission(ResourceType.TOPIC, Topics.deadLetter(topic), PatternType.LITERAL, AclOperation.WRITE));
        }
        groupPrefixes.forEach(prefix -> permissions.add(new Permission(ResourceType.GROUP, prefix, PatternType.PREFIXED, AclOperation.READ)));
        for (String prefix : ownedPrefixes) {
            permissions.add(new Permission(ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.ALL));
            permissions.add(new Permission(ResourceType.GROUP, prefix, PatternType.PREFIXED, AclOperation.READ));
            permissions.add(new Permission(ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED, AclOperation.WRITE));
        }
        return permissions;
    }

    /** The permissions as the broker's ACL bindings. */
    public List<AclBinding> aclBindings() {
        List<AclBinding> bindings = new ArrayList<>();
        permissions().forEach(permission -> bindings.add(permission.binding(principal())));
        return bindings;
    }
}
