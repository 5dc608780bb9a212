/** Occurrences that rule-expander materialised from recurring rules, their retractions, and those missed. */
@NullMarked
package dev.almanac.events.occurrence;

import org.jspecify.annotations.NullMarked;
