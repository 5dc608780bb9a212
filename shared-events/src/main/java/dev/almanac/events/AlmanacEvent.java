package dev.almanac.events;

/**
 * A fact published on one of Almanac's topics. Each event knows its record key, which keeps
 * one calendar's (or rule's) history in order on one partition, and its subject, the entity
 * whose version the {@code almanac_aggregate_version} header counts.
 *
 * <p>Every event record implements exactly one topic's sealed interface ({@code CalendarEvent},
 * {@code ScheduleEvent}, ...), which is how consumers dispatch on it. This interface itself
 * cannot be sealed: Java allows a sealed type to permit subtypes in other packages only inside
 * a named module, and the services run on the class path.
 */
public interface AlmanacEvent {

    String partitionKey();

    String subject();
}
