package dev.almanac.conflicts.streams;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;

import dev.almanac.conflicts.calendar.CalendarAccessCopies;
import dev.almanac.conflicts.command.CommandTopics;
import dev.almanac.conflicts.intake.ConflictTopology;
import dev.almanac.conflicts.intake.FactRouter;
import dev.almanac.conflicts.intake.LifecycleSettings;
import dev.almanac.conflicts.intake.LinkSides;
import dev.almanac.conflicts.intake.OccurrencesYield;
import dev.almanac.conflicts.intake.ResourceBookings;
import dev.almanac.conflicts.intake.RuleSettings;
import dev.almanac.conflicts.intake.RulesByScope;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.events.Topics;
import dev.almanac.platform.kafka.AlmanacKafkaAutoConfiguration;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.streams.StreamsHealthIndicator;
import dev.almanac.platform.streams.StreamsLifecycle;

/**
 * Kafka Streams from Boot's {@code spring.kafka.streams.*} properties (application id, state
 * directory, replication factor, record cache, and every Streams setting under
 * {@code properties}); see application.yml for the values and the environment they read.
 */
@Configuration(proxyBeanMethods = false)
class StreamsConfiguration {

    static final String ALIVE_GAUGE = "almanac.conflicts.streams.alive";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    LifecycleSettings lifecycleSettings(Clock clock,
                                        @Value("${almanac.conflicts.escalation.check-interval:PT10M}") Duration checkInterval,
                                        @Value("${almanac.conflicts.escalation.escalate-to:managers}") String escalateTo,
                                        @Value("${almanac.conflicts.orphans.grace:PT30S}") Duration orphanGrace,
                                        @Value("${almanac.conflicts.orphans.check-interval:"
                                                + "#{T(dev.almanac.conflicts.intake.LifecycleSettings).DEFAULT_ORPHAN_CHECK_INTERVAL}}")
                                        Duration orphanCheckInterval) {
        return new LifecycleSettings(checkInterval, escalateTo, clock, orphanGrace, orphanCheckInterval);
    }

    /**
     * @param occurrencesYield     how much later than published occurrences and rule events are read, so that other facts go
     *                             first (ADR 0063)
     * @param horizonCheckInterval the longest wait between reads of the wall clock to move the detection horizon of rule
     *                             occurrences on (ADR 0069); it is read at each whole hour (ADR 0098)
     */
    @Bean
    Topology conflictTopology(EventCodec codec, FactRouter router, ConflictMetrics metrics, LifecycleSettings lifecycle,
                              @Value("${almanac.conflicts.occurrences-yield:#{T(dev.almanac.conflicts.intake.OccurrencesYield).DEFAULT_LEAD}}")
                              Duration occurrencesYield,
                              @Value("${almanac.conflicts.rules.horizon-check-interval:"
                                      + "#{T(dev.almanac.conflicts.intake.RuleSettings).DEFAULT_HORIZON_CHECK_INTERVAL}}")
                              Duration horizonCheckInterval) {
        return ConflictTopology.build(codec, router, metrics, lifecycle, new OccurrencesYield(occurrencesYield),
                new RuleSettings(horizonCheckInterval, lifecycle.clock()));
    }

    /**
     * The command and booking topics are partitioned like the input topics, so that partition p of
     * each goes to one task. Outcomes matter for the seconds a request waits, so they are kept for an
     * hour. Bookings are compacted by resource and entry, the sides of links by pair and side, and the calendars'
     * access by calendar (read whole into a global store, ADR 0030), so the latest of each is kept for good. Rule events
     * fanned out to their calendars and resources are compacted by scope, rule and version, which no two share, so
     * every one is kept for good (ADR 0069).
     */
    @Bean
    KafkaAdmin.NewTopics conflictCommandTopics(@Value("${almanac.kafka.partitions:" + AlmanacKafkaAutoConfiguration.DEFAULT_PARTITIONS + "}") int partitions,
                                               @Value("${almanac.kafka.replication-factor:1}") short replicationFactor) {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(CommandTopics.COMMANDS).partitions(partitions).replicas(replicationFactor).build(),
                TopicBuilder.name(Topics.deadLetter(CommandTopics.COMMANDS)).partitions(partitions).replicas(replicationFactor).build(),
                TopicBuilder.name(CommandTopics.OUTCOMES).partitions(partitions).replicas(replicationFactor)
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis())).build(),
                TopicBuilder.name(ResourceBookings.TOPIC).partitions(partitions).replicas(replicationFactor).compact().build(),
                TopicBuilder.name(Topics.deadLetter(ResourceBookings.TOPIC)).partitions(partitions).replicas(replicationFactor).build(),
                TopicBuilder.name(LinkSides.TOPIC).partitions(partitions).replicas(replicationFactor).compact().build(),
                TopicBuilder.name(Topics.deadLetter(LinkSides.TOPIC)).partitions(partitions).replicas(replicationFactor).build(),
                TopicBuilder.name(CalendarAccessCopies.TOPIC).partitions(partitions).replicas(replicationFactor).compact().build(),
                TopicBuilder.name(RulesByScope.TOPIC).partitions(partitions).replicas(replicationFactor).compact().build(),
                TopicBuilder.name(Topics.deadLetter(RulesByScope.TOPIC)).partitions(partitions).replicas(replicationFactor).build());
    }

    @Bean
    StreamsLifecycle detectorStreams(Topology conflictTopology, KafkaProperties kafka, MeterRegistry registry,
                                     ApplicationEventPublisher events) {
        // A failed thread shuts the client down: the instance reports itself broken and is restarted with its state restored.
        StreamsLifecycle streams = new StreamsLifecycle(conflictTopology, streamsProperties(kafka.buildStreamsProperties()), topics(),
                List.of(), StreamThreadExceptionResponse.SHUTDOWN_CLIENT, new KafkaStreamsMicrometerListener(registry), events);
        // Kafka Streams' own gauges go with a client that shut down; an alert needs one that reads 0 then.
        Gauge.builder(ALIVE_GAUGE, streams, alive -> alive.alive() ? 1 : 0)
                .description("1 while the Kafka Streams client is started and neither stopping nor failed (running, rebalancing"
                        + " or restoring); 0 while it waits for its topics, after it stopped and after a failure")
                .register(registry);
        return streams;
    }

    @Bean
    StreamsHealthIndicator kafkaStreamsHealthIndicator(StreamsLifecycle detectorStreams) {
        return new StreamsHealthIndicator(detectorStreams);
    }

    static Properties streamsProperties(Map<String, Object> configured) {
        Properties properties = new Properties();
        properties.putAll(configured);
        properties.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
        return properties;
    }

    /** The topics the topology reads and writes; it starts once they all exist. */
    static List<String> topics() {
        return Stream.of(ConflictMetrics.CONSUMED.stream(), Stream.of(Topics.CONFLICTS, Topics.RULES, Topics.deadLetter(Topics.RULES)),
                        ConflictMetrics.CONSUMED.stream().map(Topics::deadLetter), CommandTopics.ALL.stream(),
                        Stream.of(Topics.deadLetter(CommandTopics.COMMANDS), ResourceBookings.TOPIC,
                                Topics.deadLetter(ResourceBookings.TOPIC), LinkSides.TOPIC, Topics.deadLetter(LinkSides.TOPIC),
                                CalendarAccessCopies.TOPIC, RulesByScope.TOPIC, Topics.deadLetter(RulesByScope.TOPIC)))
                .flatMap(topics -> topics)
                .toList();
    }
}
