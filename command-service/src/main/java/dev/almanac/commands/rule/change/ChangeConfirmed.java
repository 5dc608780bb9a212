package dev.almanac.commands.rule.change;

import java.time.Instant;

import dev.almanac.commands.rule.RuleChanged;

/** What a confirmation left: the change request's new version and when it was confirmed, and the rule as its change left it. */
public record ChangeConfirmed(long version, Instant confirmedAt, RuleChanged rule) {
}
