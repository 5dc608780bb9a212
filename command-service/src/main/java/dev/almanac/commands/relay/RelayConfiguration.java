package dev.almanac.commands.relay;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
