/**
 * Confirm-first change requests for recurring rules (OPS-CHANGE): a change proposed as a structured
 * patch or a short English instruction, shown as the rule's next occurrences before and after it,
 * and applied through the rule's own commands only when confirmed (ADR 0024).
 */
@NullMarked
package dev.almanac.commands.rule.change;

import org.jspecify.annotations.NullMarked;
