package dev.almanac.conflicts.streams;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;

import dev.almanac.conflicts.intake.ConflictTopology;
import dev.almanac.conflicts.intake.FactRouter;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.events.Topics;
import dev.almanac.platform.kafka.EventCodec;

/**
 * Kafka Streams from Boot's {@code spring.kafka.streams.*} properties (application id, state
 * directory, replication factor, record cache, and every Streams setting under
 * {@code properties}); see application.yml for the values and the environment they read.
 */
@Configuration(proxyBeanMethods = false)
class StreamsConfiguration {

    @Bean
    Topology conflictTopology(EventCodec codec, FactRouter router, ConflictMetrics metrics) {
        return ConflictTopology.build(codec, router, metrics);
    }

    @Bean
    DetectorStreams detectorStreams(Topology conflictTopology, KafkaProperties kafka, MeterRegistry registry,
                                    ApplicationEventPublisher events) {
        return new DetectorStreams(conflictTopology, streamsProperties(kafka.buildStreamsProperties()), topics(),
                new KafkaStreamsMicrometerListener(registry), events);
    }

    @Bean
    StreamsHealthIndicator kafkaStreamsHealthIndicator(DetectorStreams detectorStreams) {
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
        return Stream.concat(
                        Stream.concat(ConflictMetrics.CONSUMED.stream(), Stream.of(Topics.CONFLICTS)),
                        ConflictMetrics.CONSUMED.stream().map(Topics::deadLetter))
                .toList();
    }
}
