/** Occurrences that rule-expander materialised from recurring rules, and their retractions. */
@NullMarked
package dev.almanac.events.occurrence;

import org.jspecify.annotations.NullMarked;
