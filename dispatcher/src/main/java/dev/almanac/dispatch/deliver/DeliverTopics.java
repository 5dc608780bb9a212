package dev.almanac.dispatch.deliver;

import dev.almanac.events.Topics;

/** The deliverer's own topics, between its stream and its sender; partitioned like {@value Topics#NOTIFICATIONS}; not a contract. */
public final class DeliverTopics {

    /** Deliveries decided and due now, keyed by recipient. */
    public static final String DUE = "almanac-deliverer.deliveries-due";

    /**
     * A delivery being handed to its channel, keyed by delivery id, on the partition of its record on {@link #DUE}; the
     * outcome's transaction deletes it (compacted). One still there at a restart was perhaps sent: it is not sent again.
     */
    public static final String SENDING = "almanac-deliverer.deliveries-sending";

    private DeliverTopics() {
    }
}
