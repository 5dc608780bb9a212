package dev.almanac.dispatch.deliver;

import dev.almanac.events.Topics;

/** The deliverer's own topic, between its stream and its sender; partitioned like {@value Topics#NOTIFICATIONS}; not a contract. */
public final class DeliverTopics {

    /** Deliveries decided and due now, keyed by recipient. */
    public static final String DUE = "almanac-deliverer.deliveries-due";

    private DeliverTopics() {
    }
}
