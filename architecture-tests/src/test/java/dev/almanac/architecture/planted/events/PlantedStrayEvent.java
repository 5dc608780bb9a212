package dev.almanac.architecture.planted.events;

import dev.almanac.events.AlmanacEvent;

/** Deliberately wrong: an event that implements no topic's sealed interface, so no consumer could decide it. */
public record PlantedStrayEvent(String id) implements AlmanacEvent {

    @Override
    public String partitionKey() {
        return id;
    }

    @Override
    public String subject() {
        return id;
    }
}
