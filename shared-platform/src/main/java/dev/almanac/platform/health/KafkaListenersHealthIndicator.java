package dev.almanac.platform.health;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Reports the service's Kafka consumers as the {@code kafkaListeners} health component: DOWN while any listener that
 * should run does not (not yet started, or stopped by a fatal error such as a lost authorisation), so that readiness
 * takes a replica whose consumers are gone out of service. Each listener's details say whether it runs and how many
 * partitions it holds; holding none is no fault, since a group may have more members than partitions.
 */
public class KafkaListenersHealthIndicator extends AbstractHealthIndicator {

    private final KafkaListenerEndpointRegistry registry;

    public KafkaListenersHealthIndicator(KafkaListenerEndpointRegistry registry) {
        super("Kafka listeners could not be inspected");
        this.registry = registry;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Object> listeners = new LinkedHashMap<>();
        boolean allRunning = true;
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            boolean running = container.isRunning() && container.isInExpectedState();
            boolean expected = container.isAutoStartup();
            allRunning &= running || !expected;
            Collection<TopicPartition> assigned = container.getAssignedPartitions();
            listeners.put(String.valueOf(container.getListenerId()),
                    Map.of("running", running, "partitions", assigned == null ? 0 : assigned.size()));
        }
        (allRunning ? builder.up() : builder.down()).withDetail("listeners", listeners);
    }
}
