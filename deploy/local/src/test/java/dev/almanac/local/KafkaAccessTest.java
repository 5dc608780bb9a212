package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import dev.almanac.events.Topics;

/** {@link KafkaAccess}, the one table of what each service's Kafka principal may do (ADR 0091), against the services' settings. */
class KafkaAccessTest {

    private static final DeploymentFiles FILES = DeploymentFiles.ofThisCheckout();

    @Test
    void everyServiceHasOneRowAndPrincipalsAreTheServicesNames() {
        assertThat(KafkaAccess.TABLE).extracting(KafkaAccess::service).containsExactlyInAnyOrder(Service.values());
        assertThat(KafkaAccess.of(Service.DISPATCHER).principal()).isEqualTo("dispatcher");
    }

    @Test
    void everyConsumerGroupAndStreamsApplicationOfAServiceIsUnderOneOfItsPrefixes() {
        for (KafkaAccess access : KafkaAccess.TABLE) {
            Map<String, String> properties = FILES.properties(access.service().serviceName());
            String group = properties.get("spring.kafka.consumer.group-id");
            if (group != null) {
                assertThat(Stream.concat(access.groupPrefixes().stream(), access.ownedPrefixes().stream()))
                        .as("the prefixes of %s's groups, among them %s", access.principal(), group).anyMatch(group::startsWith);
            }
            String application = properties.get("spring.kafka.streams.application-id");
            if (application != null) {
                assertThat(access.ownedPrefixes()).as("the prefixes %s owns, among them its application id %s", access.principal(), application)
                        .anyMatch(application::startsWith);
            }
        }
    }

    @Test
    void everyTopicOfTheCatalogueHasAWriterAndNoServiceOwnsAPrefixOfOne() {
        for (String topic : Topics.ALL) {
            assertThat(KafkaAccess.TABLE).as("the writers of %s", topic).anyMatch(access -> access.writes().contains(topic));
        }
        List<String> catalogue = Topics.ALL.stream().flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic))).toList();
        for (KafkaAccess access : KafkaAccess.TABLE) {
            assertThat(catalogue).as("catalogue topics under a prefix %s owns", access.principal())
                    .noneMatch(topic -> access.ownedPrefixes().stream().anyMatch(topic::startsWith));
            assertThat(catalogue).as("the topics %s names", access.principal()).containsAll(access.writes()).containsAll(access.reads());
        }
    }

    @Test
    void aServiceDeadLettersOnlyWhatItReadsAndNobodyMayCreateOrAlterTheCatalogue() {
        KafkaAccess executor = KafkaAccess.of(Service.EXECUTOR);
        assertThat(executor.permissions()).containsExactlyInAnyOrder(
                new KafkaAccess.Permission(ResourceType.TOPIC, Topics.RUNS, PatternType.LITERAL, AclOperation.WRITE),
                new KafkaAccess.Permission(ResourceType.TOPIC, Topics.AUDIT, PatternType.LITERAL, AclOperation.WRITE),
                new KafkaAccess.Permission(ResourceType.TOPIC, Topics.DISPATCH, PatternType.LITERAL, AclOperation.READ),
                new KafkaAccess.Permission(ResourceType.TOPIC, Topics.deadLetter(Topics.DISPATCH), PatternType.LITERAL, AclOperation.WRITE),
                new KafkaAccess.Permission(ResourceType.GROUP, "executor", PatternType.PREFIXED, AclOperation.READ));
        for (KafkaAccess access : KafkaAccess.TABLE) {
            assertThat(access.permissions()).as("%s's permissions", access.principal())
                    .noneMatch(permission -> permission.resource() == ResourceType.CLUSTER)
                    .filteredOn(permission -> permission.pattern() == PatternType.LITERAL)
                    .allMatch(permission -> permission.operation() == AclOperation.READ || permission.operation() == AclOperation.WRITE);
        }
    }

    /** A platform admin's request is recorded by whichever service answers it, and every service serves HTTP (ADR 0102). */
    @Test
    void everyServiceMayRecordAPlatformAdminsRequestsOnTheAuditTopic() {
        for (KafkaAccess access : KafkaAccess.TABLE) {
            assertThat(access.permissions()).as("%s's permissions", access.principal())
                    .contains(new KafkaAccess.Permission(ResourceType.TOPIC, Topics.AUDIT, PatternType.LITERAL, AclOperation.WRITE));
        }
    }

    @Test
    void theModeIsNoneUnlessScramIsAskedFor() {
        assertThat(KafkaSecurity.Mode.of(null)).isEqualTo(KafkaSecurity.Mode.NONE);
        assertThat(KafkaSecurity.Mode.of(" ")).isEqualTo(KafkaSecurity.Mode.NONE);
        assertThat(KafkaSecurity.Mode.of("SCRAM")).isEqualTo(KafkaSecurity.Mode.SCRAM);
        assertThatThrownBy(() -> KafkaSecurity.Mode.of("tls")).hasMessageContaining("ALMANAC_KAFKA_SECURITY").hasMessageContaining("scram");
    }
}
