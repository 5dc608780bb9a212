package dev.almanac.commands.relay;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.almanac.commands.eventstore.Commits;

@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

    /**
     * Axon's default logs a failing event handler and moves on, which for the relay would
     * mean an event never reaches Kafka. Propagating makes the processor roll the batch back
     * and retry it with backoff instead.
     */
    @Bean
    ConfigurerModule relayRetriesInsteadOfSkipping() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(KafkaRelay.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler("booking-ledger", c -> PropagatingErrorHandler.instance());
    }

    /**
     * The relay's source (application.yml names it): a read 5 ms after the first commit it has not
     * read past, of at most the processor's batch of 100 events. Every replica's commits are told
     * ({@link dev.almanac.commands.eventstore.CommitNotifications}); the poll is only a safety net for
     * a notification lost while the listener reconnects (ADR 0095).
     */
    @Bean
    RelayEventSource relayEventSource(EventStorageEngine storageEngine, Commits commits,
            @Value("${almanac.commands.relay.gathering:5ms}") Duration gathering,
            @Value("${almanac.commands.relay.poll:30s}") Duration poll, MeterRegistry meters) {
        return new RelayEventSource(storageEngine, commits, gathering, poll, 100, meters);
    }
}
