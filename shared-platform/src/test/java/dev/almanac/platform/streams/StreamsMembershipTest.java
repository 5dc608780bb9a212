package dev.almanac.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

import dev.almanac.platform.web.PlatformDefaults;

/** How an instance id and standby replicas reach Kafka Streams from the platform's defaults (ADR 0094). */
class StreamsMembershipTest {

    @Test
    void withoutAnInstanceIdMembershipIsDynamicAndNoStandbyIsKept() {
        Map<String, Object> streams = streamsProperties(new MockEnvironment());

        assertThat(StreamsLifecycle.withMembership(properties(streams))).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0");
    }

    @Test
    void anInstanceIdMakesAStaticMemberAndStandbysAreKeptAsTold() {
        MockEnvironment environment = new MockEnvironment().withProperty("ALMANAC_INSTANCE_ID", "conflict-detector-7f9c-x2x")
                .withProperty("ALMANAC_STANDBY_REPLICAS", "1");

        assertThat(StreamsLifecycle.withMembership(properties(streamsProperties(environment))))
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "conflict-detector-7f9c-x2x")
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");
        // Kafka Streams makes each stream thread's consumer a member of its own: <id>-<thread>.
        assertThat(new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app", StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092",
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "pod-0")).getMainConsumerConfigs("app", "client", 2))
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "pod-0-2");
    }

    private static Map<String, Object> streamsProperties(MockEnvironment environment) {
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        KafkaProperties kafka = Binder.get(environment).bindOrCreate("spring.kafka", KafkaProperties.class);
        return kafka.buildStreamsProperties();
    }

    private static Properties properties(Map<String, Object> configured) {
        Properties properties = new Properties();
        properties.putAll(configured);
        return properties;
    }
}
