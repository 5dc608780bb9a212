package dev.almanac.events;

/**
 * A fact published on one of Almanac's topics. Each event knows its record key, which keeps
 * one calendar's (or rule's) history in order on one partition, and its subject, the entity
 * whose version the {@code almanac_aggregate_version} header counts.
 */
public interface AlmanacEvent {

    String partitionKey();

    String subject();
}
