package dev.almanac.commands.web;

import java.time.Duration;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How many commands run at once. Each holds a pooled PostgreSQL connection from its first read
 * to its commit, and the relay's reads of the event store share that pool: if commands could
 * take every connection, the relay would wait behind them, and the events of the commands just
 * answered would reach Kafka seconds late. So commands take at most
 * {@code almanac.commands.concurrency} connections (the pool holds 10), and a command that cannot
 * start within {@code almanac.commands.admission-wait} is refused with 503 and Retry-After.
 */
@Configuration(proxyBeanMethods = false)
class CommandAdmission {

    @Bean
    Bulkhead commandBulkhead(MeterRegistry meters,
            @Value("${almanac.commands.concurrency:8}") int concurrency,
            @Value("${almanac.commands.admission-wait:5s}") Duration admissionWait) {
        BulkheadRegistry registry = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(concurrency)
                .maxWaitDuration(admissionWait)
                .build());
        TaggedBulkheadMetrics.ofBulkheadRegistry(registry).bindTo(meters);
        return registry.bulkhead("commands");
    }
}
