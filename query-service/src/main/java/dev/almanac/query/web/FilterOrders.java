package dev.almanac.query.web;

import org.springframework.core.Ordered;

/**
 * The order of query-service's web filters. The read-your-writes wait runs last, so that a read another filter
 * refuses (a calendar the caller may not see) is refused without waiting; every other filter runs before it.
 */
public final class FilterOrders {

    /** The consistency wait: the last of the chain. */
    public static final int CONSISTENCY = Ordered.LOWEST_PRECEDENCE;

    /** Every other filter of query-service: before the consistency wait. */
    public static final int BEFORE_CONSISTENCY = CONSISTENCY - 1;

    /** The tenant rule on the ids of a path (ADR 0102): before every other check of this service. */
    public static final int TENANT = BEFORE_CONSISTENCY - 1;

    private FilterOrders() {
    }
}
