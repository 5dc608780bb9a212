/** Occurrences that rule-expander materialised from recurring rules. */
@NullMarked
package dev.almanac.events.occurrence;

import org.jspecify.annotations.NullMarked;
