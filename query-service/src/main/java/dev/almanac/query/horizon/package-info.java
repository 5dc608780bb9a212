/**
 * Rule occurrences beyond the materialised horizon: where each rule's materialised occurrences end
 * ({@code rule_index}), and the occurrences after that computed from the rule definitions with
 * shared-recurrence, pre-counted per UTC day and 15-minute slot for the window.
 */
@NullMarked
package dev.almanac.query.horizon;

import org.jspecify.annotations.NullMarked;
