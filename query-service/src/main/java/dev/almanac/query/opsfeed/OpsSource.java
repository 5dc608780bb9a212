package dev.almanac.query.opsfeed;

import org.jspecify.annotations.Nullable;

import dev.almanac.query.rule.Rule;

/**
 * Where an ops event comes from, in Almanac's terms rather than OPS-EVENT's cron and heartbeat: a rule
 * occurrence by its rule's schedule kind, or a one-off item.
 */
public enum OpsSource {
    /** An occurrence of a rule scheduled by a cron expression. */
    CRON,
    /** An occurrence of a rule scheduled by an RFC 5545 RRULE. */
    RRULE,
    /** A one-off item. */
    ITEM;

    /** The source of an occurrence of {@code rule}: an RRULE rule has {@code rrule}, a cron rule has none. */
    static OpsSource ofRule(Rule rule) {
        return rule.rrule() != null ? RRULE : CRON;
    }

    static OpsSource ofOccurrence(@Nullable Rule rule) {
        return rule == null ? CRON : ofRule(rule);
    }
}
