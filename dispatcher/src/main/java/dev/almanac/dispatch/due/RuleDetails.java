package dev.almanac.dispatch.due;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RuleUpdated;

/**
 * What a dispatch carries of its rule besides the occurrence: the name, job template and options of the latest
 * definition applied ({@code version}), and who created the rule, whose actor, correlation and trace every
 * scheduled dispatch carries on, as rule-expander's occurrences do.
 */
public record RuleDetails(String name, JobTemplate jobTemplate, RuleOptions options, long version, String actor, String correlationId,
                          @Nullable String traceparent) {

    static RuleDetails of(RuleCreated created, EventMetadata envelope) {
        return new RuleDetails(created.name(), created.jobTemplate(), created.options(), envelope.aggregateVersion(), envelope.actor(),
                envelope.correlationId(), envelope.traceparent());
    }

    RuleDetails updatedBy(RuleUpdated updated, long newVersion) {
        return new RuleDetails(updated.name(), updated.jobTemplate(), updated.options(), newVersion, actor, correlationId, traceparent);
    }
}
