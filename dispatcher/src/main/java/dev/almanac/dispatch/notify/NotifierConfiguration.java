package dev.almanac.dispatch.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;

import dev.almanac.events.Topics;
import dev.almanac.platform.kafka.AlmanacKafkaAutoConfiguration;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.streams.StreamsHealthIndicator;
import dev.almanac.platform.streams.StreamsLifecycle;

/**
 * The notifier, a Kafka Streams application of its own ({@code <application-id>-notifier}) in the dispatcher's
 * process (ADR 0075): its own consumer group, stores and transactions, so that neither application's load or failure
 * holds up the other. {@code almanac.notify.enabled=false} leaves it out; {@code almanac.notify.max-age} (2 days) is how old a
 * fact may be when read and still tell anyone.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "almanac.notify.enabled", havingValue = "true", matchIfMissing = true)
class NotifierConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotifierConfiguration.class);

    /** Contacts are kept for good, like the rules they come from: a task that starts over reads them all. */
    @Bean
    KafkaAdmin.NewTopics notifierTopics(KafkaAdmin admin,
                                        @Value("${almanac.kafka.partitions:" + AlmanacKafkaAutoConfiguration.DEFAULT_PARTITIONS + "}") int configured,
                                        @Value("${almanac.kafka.replication-factor:1}") short replicationFactor) {
        int partitions = configured;
        try {
            partitions = admin.describeTopics(Topics.RUNS).get(Topics.RUNS).partitions().size();
        } catch (KafkaException e) {
            log.info("{} not described ({}); the notifier's topic gets the configured partition count", Topics.RUNS, e.getMessage());
        }
        return new KafkaAdmin.NewTopics(TopicBuilder.name(NotifierTopics.RULE_CONTACTS).partitions(partitions).replicas(replicationFactor)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build());
    }

    @Bean
    StreamsLifecycle notifierStreams(EventCodec codec, Clock clock, @Value("${almanac.notify.max-age:P2D}") Duration maxAge,
                                     @Value("${almanac.identity.tenancy:single}") String tenancy,
                                     KafkaProperties kafka, MeterRegistry registry, ApplicationEventPublisher events) {
        return new StreamsLifecycle(NotifierTopology.build(codec, clock, maxAge, "multi".equalsIgnoreCase(tenancy)), properties(kafka.buildStreamsProperties()), NotifierTopology.topics(),
                NotifierTopology.COPARTITIONED, StreamThreadExceptionResponse.REPLACE_THREAD, new KafkaStreamsMicrometerListener(registry),
                events);
    }

    @Bean
    StreamsHealthIndicator notifierStreamsHealthIndicator(StreamsLifecycle notifierStreams) {
        return new StreamsHealthIndicator(notifierStreams);
    }

    /** The dispatcher's streams settings, under an application id of its own: its own group, changelogs and transactions. */
    static Properties properties(Map<String, Object> configured) {
        Properties properties = new Properties();
        properties.putAll(configured);
        Object dispatcher = configured.getOrDefault(StreamsConfig.APPLICATION_ID_CONFIG, "dispatcher");
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, dispatcher + "-notifier");
        properties.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return properties;
    }
}
