package dev.almanac.query.rule;

import java.time.Instant;
import java.time.ZoneId;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.query.readmodel.Versioned;

/**
 * A recurring rule's full definition, enough for rule queries and for computing occurrences beyond
 * the horizon without anything but this read model.
 */
public record Rule(
        String id,
        String name,
        String cron,
        ZoneId timezone,
        String calendarId,
        long durationSeconds,
        Instant activeFrom,
        DstPolicy dstPolicy,
        JobTemplate jobTemplate,
        RuleOptions options,
        RuleMetadata metadata,
        String status,
        Instant createdAt,
        String createdBy,
        long version) implements Versioned {

    /** A created rule is active until a later event (pause, disable, expiry) says otherwise. */
    static final String ACTIVE = "active";

    /** The rule as its creation made it; time and actor come from the envelope. */
    public static Rule created(RuleCreated rule, EventMetadata envelope) {
        return new Rule(rule.ruleId().value(), rule.name(), rule.cron(), rule.timezone(), rule.calendarId().value(),
                rule.durationSeconds(), rule.activeFrom(), rule.dstPolicy(), rule.jobTemplate(), rule.options(), rule.metadata(),
                ACTIVE, envelope.time(), envelope.actor(), envelope.aggregateVersion());
    }
}
