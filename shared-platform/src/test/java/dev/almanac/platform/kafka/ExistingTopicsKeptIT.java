package dev.almanac.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import dev.almanac.embedded.KafkaBroker;

/**
 * A service started with more partitions declared than an existing topic has leaves the topic as it is, since raising
 * the count would move keys (ADR 0069); a topic that does not exist yet is created with the declared count.
 */
class ExistingTopicsKeptIT {

    @TempDir
    Path directory;

    @Test
    void anExistingTopicKeepsItsPartitionCountAndAMissingOneGetsTheDeclaredCount() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts(directory.resolve("kafka"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("almanac.kept.v1", 3, (short) 1))).all().get();

            try (AnnotationConfigApplicationContext service = new AnnotationConfigApplicationContext()) {
                service.registerBean(KafkaAdmin.class,
                        () -> new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())));
                service.registerBean(KafkaAdmin.NewTopics.class, () -> new KafkaAdmin.NewTopics(
                        TopicBuilder.name("almanac.kept.v1").partitions(12).replicas(1).build(),
                        TopicBuilder.name("almanac.new.v1").partitions(12).replicas(1).build()));
                service.registerBean(BeanPostProcessor.class, AlmanacKafkaAutoConfiguration::almanacTopicsOnlyCreated);
                service.refresh();
            }

            var described = admin.describeTopics(List.of("almanac.kept.v1", "almanac.new.v1")).allTopicNames().get();
            assertThat(described.get("almanac.kept.v1").partitions()).as("existing, left as it was").hasSize(3);
            assertThat(described.get("almanac.new.v1").partitions()).as("missing, created as declared").hasSize(12);
        }
    }
}
