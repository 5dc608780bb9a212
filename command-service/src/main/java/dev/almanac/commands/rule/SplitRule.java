package dev.almanac.commands.rule;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.RuleId;

/**
 * "This and following": ends rule {@code ruleId}'s series at {@code occurrence} and creates
 * {@code successor} to continue from there, in one unit of work, guarded by the old rule's
 * {@code expectedVersion}. The successor's {@code requestedAt} is replaced by where it becomes
 * active: the occurrence's recurrence id, or now if that has passed.
 */
public record SplitRule(RuleId ruleId, OccurrenceRef occurrence, CreateRule successor, @Nullable Long expectedVersion) {
}
