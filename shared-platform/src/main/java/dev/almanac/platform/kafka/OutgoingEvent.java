package dev.almanac.platform.kafka;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.envelope.EventMetadata;

/** An event to publish, in its envelope: one of many published together ({@link EventPublisher#publishAll}). */
public interface OutgoingEvent {

    EventMetadata metadata();

    AlmanacEvent event();
}
