package dev.almanac.commands.item;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ItemGraphConfiguration {

    /**
     * Axon's default logs a failing subscribing handler and commits the command anyway; the graph
     * would then miss a link that the items have. Propagating fails the command instead.
     */
    @Bean
    ConfigurerModule itemGraphFailsItsCommand() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(ItemGraphLedger.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
