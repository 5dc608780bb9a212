package dev.almanac.platform.kafka;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.envelope.EventMetadata;

/** An event read from Kafka with its envelope. */
public record ReceivedEvent(EventMetadata metadata, AlmanacEvent event) {

    public long version() {
        return metadata.aggregateVersion();
    }
}
