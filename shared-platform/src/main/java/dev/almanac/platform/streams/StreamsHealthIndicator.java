package dev.almanac.platform.streams;

import java.util.Optional;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Up once Kafka Streams runs: it has its partitions and has restored their state, so the topology is working. It stays
 * up through later rebalances, which are routine, and is down before the first run, while state is restored, and after a
 * failure. Part of the readiness group.
 */
public class StreamsHealthIndicator implements HealthIndicator {

    private final StreamsLifecycle streams;

    public StreamsHealthIndicator(StreamsLifecycle streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        return health(streams.state(), streams.hasBeenRunning());
    }

    static Health health(Optional<KafkaStreams.State> state, boolean hasBeenRunning) {
        return state
                .map(current -> {
                    boolean up = current == KafkaStreams.State.RUNNING || current == KafkaStreams.State.REBALANCING && hasBeenRunning;
                    return (up ? Health.up() : Health.down()).withDetail("state", current.name()).build();
                })
                .orElseGet(() -> Health.down().withDetail("state", "WAITING_FOR_TOPICS").build());
    }
}
