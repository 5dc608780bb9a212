package dev.almanac.query.opsfeed;

import org.jspecify.annotations.Nullable;

import dev.almanac.query.rule.Rule;

/**
 * Where an ops event comes from: a beat of a heartbeat rule (OPS-EVENT's heartbeat, ADR 0073), another rule occurrence
 * by its rule's schedule kind, or a one-off item.
 */
public enum OpsSource {
    /** An occurrence of a rule scheduled by a cron expression. */
    CRON,
    /** An occurrence of a rule scheduled by an RFC 5545 RRULE. */
    RRULE,
    /** A one-off item. */
    ITEM,
    /** A beat of a heartbeat rule, which a system that runs by itself reports and Almanac never dispatches (ADR 0073). */
    HEARTBEAT;

    /** The source of an occurrence of {@code rule}: a heartbeat's, else an RRULE rule has {@code rrule}, a cron rule has none. */
    static OpsSource ofRule(Rule rule) {
        if (rule.isHeartbeat()) {
            return HEARTBEAT;
        }
        return rule.rrule() != null ? RRULE : CRON;
    }

    static OpsSource ofOccurrence(@Nullable Rule rule) {
        return rule == null ? CRON : ofRule(rule);
    }
}
