package dev.almanac.rules.testing;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.EventSamples;

/**
 * rule-expander on the tests' shared broker and store, with its clock held at the sample rule's start, which the tests move
 * by hand: what the integration tests that start the whole service import, rather than each writing it again.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ClockAtTheSampleRule {

    /** When the clock starts: the sample rule's {@code active_from}. */
    public static final Instant START = EventSamples.ruleCreated().activeFrom();

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(START);
    }

    /** The shared embedded broker and store, for a test's {@code @DynamicPropertySource}. */
    public static void sharedInfrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.sharedForTests();
        registry.add("spring.kafka.bootstrap-servers", infrastructure::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", infrastructure::mongoConnectionString);
    }
}
