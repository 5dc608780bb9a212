package dev.almanac.platform.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

class KafkaListenersHealthIndicatorTest {

    private final KafkaListenerEndpointRegistry registry = mock(KafkaListenerEndpointRegistry.class);

    @Test
    void upWhileEveryListenerRunsWhetherOrNotItHoldsPartitions() {
        listening(List.of(container("projection", true, true, true, 3),
                container("spare-member", true, true, true, 0)));
        Health health = new KafkaListenersHealthIndicator(registry).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("listeners")).isEqualTo(Map.of(
                "projection", Map.of("running", true, "partitions", 3), "spare-member", Map.of("running", true, "partitions", 0)));
    }

    @Test
    void downWhenAListenerStoppedOrFailedAndNotForOneLeftStoppedOnPurpose() {
        listening(List.of(container("projection", true, true, true, 3),
                container("fenced", true, true, false, 0)));
        assertThat(new KafkaListenersHealthIndicator(registry).health(true).getStatus()).isEqualTo(Status.DOWN);

        listening(List.of(container("projection", true, false, true, 0)));
        assertThat(new KafkaListenersHealthIndicator(registry).health(true).getStatus()).isEqualTo(Status.DOWN);

        listening(List.of(container("projection", true, true, true, 3),
                container("manual", false, false, true, 0)));
        assertThat(new KafkaListenersHealthIndicator(registry).health(true).getStatus()).isEqualTo(Status.UP);
    }

    /** Containers are made before the registry is stubbed: Mockito cannot stub one mock while stubbing another. */
    private void listening(List<MessageListenerContainer> containers) {
        when(registry.getListenerContainers()).thenReturn(containers);
    }

    private static MessageListenerContainer container(String id, boolean autoStartup, boolean running, boolean expected, int partitions) {
        MessageListenerContainer container = mock(MessageListenerContainer.class);
        when(container.getListenerId()).thenReturn(id);
        when(container.isAutoStartup()).thenReturn(autoStartup);
        when(container.isRunning()).thenReturn(running);
        when(container.isInExpectedState()).thenReturn(expected);
        List<TopicPartition> assigned = new java.util.ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            assigned.add(new TopicPartition("almanac.x.v1", i));
        }
        when(container.getAssignedPartitions()).thenReturn(assigned);
        return container;
    }
}
