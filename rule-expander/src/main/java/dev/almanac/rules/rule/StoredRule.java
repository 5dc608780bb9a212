package dev.almanac.rules.rule;

import java.time.Instant;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;

/**
 * One rule as rule-expander stores it. {@code version} is the aggregate version of the last rule
 * event applied; {@code materialisedUntil} is the instant up to which (exclusive) every occurrence
 * has been published and acknowledged.
 */
public record StoredRule(
        RuleDefinition definition,
        long version,
        RuleStatus status,
        RuleOrigin origin,
        Instant materialisedUntil) {

    /** A rule just created: active, and nothing published yet, so materialised up to where it starts. */
    public static StoredRule created(RuleCreated rule, EventMetadata metadata) {
        RuleDefinition definition = RuleDefinition.of(rule);
        return new StoredRule(definition, metadata.aggregateVersion(), RuleStatus.ACTIVE, RuleOrigin.of(metadata),
                definition.activeFrom());
    }

    public RuleId ruleId() {
        return definition.ruleId();
    }
}
