/** A rule's occurrences over its whole history, computed from its events as rule-expander materialises them: definitions by version, pauses, moves and ends. */
@NullMarked
package dev.almanac.recurrence.timeline;

import org.jspecify.annotations.NullMarked;
