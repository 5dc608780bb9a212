package dev.almanac.platform.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Every service's meter registry leaves the latency buckets off the actuator's own requests, and reports each Kafka topic once. */
@AutoConfiguration
public class PlatformMetricsAutoConfiguration {

    /**
     * Last of the filters: Spring Boot's, which turns the buckets on from
     * {@code management.metrics.distribution.percentiles-histogram}, would otherwise override it.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    MeterFilter actuatorRequestsWithoutLatencyBuckets() {
        return new ActuatorRequestsWithoutLatencyBuckets();
    }

    @Bean
    MeterFilter kafkaTopicSeriesOnce() {
        return new KafkaTopicSeriesOnce();
    }
}
