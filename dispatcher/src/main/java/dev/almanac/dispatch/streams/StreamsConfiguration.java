package dev.almanac.dispatch.streams;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;

import dev.almanac.dispatch.due.DispatchSettings;
import dev.almanac.dispatch.intake.DispatchMetrics;
import dev.almanac.dispatch.intake.DispatchTopology;
import dev.almanac.dispatch.routing.RoutedTopics;
import dev.almanac.dispatch.wakeup.Wakeups;
import dev.almanac.events.Topics;
import dev.almanac.platform.kafka.AlmanacKafkaAutoConfiguration;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.KafkaClientSecurity;
import dev.almanac.platform.streams.StreamsHealthIndicator;
import dev.almanac.platform.streams.StreamsLifecycle;

/**
 * Kafka Streams from Boot's {@code spring.kafka.streams.*} properties (application.yml says which and why), the
 * dispatcher's settings ({@code almanac.dispatch.*}), its own topics, and the producer of its wake-ups.
 */
@Configuration(proxyBeanMethods = false)
class StreamsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StreamsConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DispatchSettings dispatchSettings(@Value("${almanac.dispatch.misfire-threshold:PT1M}") Duration misfireThreshold,
                                      @Value("${almanac.dispatch.retro-window:PT1H}") Duration retroWindow,
                                      @Value("${almanac.dispatch.guard-retention:P400D}") Duration guardRetention,
                                      @Value("${almanac.dispatch.done-retention:P3D}") Duration doneRetention,
                                      @Value("${almanac.dispatch.search-limit:P400D}") Duration searchLimit) {
        return new DispatchSettings(misfireThreshold, retroWindow, guardRetention, doneRetention, searchLimit);
    }

    @Bean
    DispatchMetrics dispatchMetrics(MeterRegistry registry) {
        return new DispatchMetrics(registry);
    }

    /** Ticks need no delivery guarantee of their own: a task that misses one a grace after its instant sends another. */
    @Bean(destroyMethod = "close")
    Wakeups wakeups(KafkaProperties kafka, Clock clock) {
        Map<String, Object> producer = new HashMap<>(KafkaClientSecurity.of(kafka));
        producer.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()),
                ProducerConfig.CLIENT_ID_CONFIG, "dispatcher-wakeups",
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        return new Wakeups(new KafkaProducer<>(producer), clock);
    }

    @Bean
    Topology dispatchTopology(EventCodec codec, DispatchSettings settings, Wakeups wakeups, Clock clock, DispatchMetrics metrics,
                              @Value("${almanac.dispatch.tick-grace:PT10S}") Duration tickGrace) {
        return DispatchTopology.build(codec, settings, wakeups, clock, tickGrace, metrics);
    }

    /**
     * The routed rules are kept for good, like the rules topic they come from: a task that starts over reads them all.
     * Catch-up runs are kept a week, longer than any catch-up window; ticks an hour, since one handled late is moot.
     * Each has as many partitions as almanac.runs.v1, which a dispatch task reads with them, where that topic exists
     * already (its count is kept, ADR 0069); else the count the platform creates it with.
     */
    @Bean
    KafkaAdmin.NewTopics dispatcherTopics(KafkaAdmin admin,
                                          @Value("${almanac.kafka.partitions:" + AlmanacKafkaAutoConfiguration.DEFAULT_PARTITIONS + "}") int configured,
                                          @Value("${almanac.kafka.replication-factor:1}") short replicationFactor) {
        int partitions = partitionsOf(admin, Topics.RUNS).orElse(configured);
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(RoutedTopics.RULES_BY_CALENDAR).partitions(partitions).replicas(replicationFactor)
                        .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build(),
                TopicBuilder.name(RoutedTopics.CATCH_UP_RUNS).partitions(partitions).replicas(replicationFactor)
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(7).toMillis())).build(),
                TopicBuilder.name(Wakeups.TOPIC).partitions(partitions).replicas(replicationFactor)
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis())).build());
    }

    private static OptionalInt partitionsOf(KafkaAdmin admin, String topic) {
        try {
            return OptionalInt.of(admin.describeTopics(topic).get(topic).partitions().size());
        } catch (KafkaException e) {
            // Missing (a fresh cluster), or the broker not up yet: the platform's count, which a copartitioning check reports.
            log.info("{} not described ({}); the dispatcher's topics get the configured partition count", topic, e.getMessage());
            return OptionalInt.empty();
        }
    }

    @Bean
    StreamsLifecycle dispatcherStreams(Topology dispatchTopology, KafkaProperties kafka, MeterRegistry registry,
                                       ApplicationEventPublisher events) {
        // A calendar's rules, catch-up runs and ticks must reach one task; a failed thread is replaced, its tasks restored.
        return new StreamsLifecycle(dispatchTopology, streamsProperties(kafka.buildStreamsProperties()), topics(), copartitioned(),
                StreamThreadExceptionResponse.REPLACE_THREAD, new KafkaStreamsMicrometerListener(registry), events);
    }

    @Bean
    StreamsHealthIndicator kafkaStreamsHealthIndicator(StreamsLifecycle dispatcherStreams) {
        return new StreamsHealthIndicator(dispatcherStreams);
    }

    static Properties streamsProperties(Map<String, Object> configured) {
        Properties properties = new Properties();
        properties.putAll(configured);
        properties.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return properties;
    }

    /** The topics the topology reads and writes; it starts once they all exist. */
    static List<String> topics() {
        return List.of(Topics.RULES, Topics.MISSED_RUNS, Topics.RUNS, Topics.DISPATCH, Topics.deadLetter(Topics.RULES),
                Topics.deadLetter(Topics.MISSED_RUNS), Topics.deadLetter(Topics.RUNS), RoutedTopics.RULES_BY_CALENDAR, RoutedTopics.CATCH_UP_RUNS,
                Wakeups.TOPIC, Topics.SCHEDULE);
    }

    /** The topics one dispatch task reads together: a calendar must be on the same partition of each. */
    static List<String> copartitioned() {
        return List.of(RoutedTopics.RULES_BY_CALENDAR, RoutedTopics.CATCH_UP_RUNS, Topics.RUNS, Wakeups.TOPIC, Topics.SCHEDULE);
    }
}
