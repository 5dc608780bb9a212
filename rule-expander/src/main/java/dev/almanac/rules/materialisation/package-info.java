/** Turns a stored rule into one bounded pass of OccurrenceMaterialized events, publishes them, then moves the rule forward. */
@NullMarked
package dev.almanac.rules.materialisation;

import org.jspecify.annotations.NullMarked;
