package dev.almanac.commands.stuckwork;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One watchdog for every unit of work, Axon's own timeouts being off. Axon's Spring Boot configuration puts a
 * {@code MessageHandlerInterceptor} bean on the command bus and on every event processor.
 */
@Configuration(proxyBeanMethods = false)
class StuckWorkConfiguration {

    @Bean
    StuckWorkWatchdog stuckWorkWatchdog(@Value("${almanac.commands.stuck-work.warn-after:10s}") Duration warnAfter,
            @Value("${almanac.commands.stuck-work.interrupt-after:60s}") Duration interruptAfter, MeterRegistry meters) {
        return new StuckWorkWatchdog(warnAfter, interruptAfter, Duration.ofSeconds(1), meters);
    }
}
