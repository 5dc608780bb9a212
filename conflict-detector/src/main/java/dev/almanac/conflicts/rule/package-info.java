/**
 * Rules as conflict detection sees them: each calendar's and resource's rules, folded from {@code almanac.rules.v1}
 * into timelines in partition-local state, and their occurrences computed where detection asks (ADR 0069).
 */
@NullMarked
package dev.almanac.conflicts.rule;

import org.jspecify.annotations.NullMarked;
