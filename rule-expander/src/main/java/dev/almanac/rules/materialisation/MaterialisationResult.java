package dev.almanac.rules.materialisation;

import java.time.Instant;

import dev.almanac.events.rule.RuleId;

/**
 * What one pass over one rule did.
 *
 * @param published how many occurrences were published and acknowledged
 * @param coveredUntil where the pass moved (or, if {@code moved} is false, tried to move) {@code materialised_until}
 * @param moved false when another pass had moved the rule meanwhile; its records were then identical duplicates
 */
public record MaterialisationResult(RuleId ruleId, int published, Instant coveredUntil, boolean moved) {
}
