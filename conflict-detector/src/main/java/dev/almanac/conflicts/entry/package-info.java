/** Items and occurrences on calendars, indexed by key and by time within each calendar. */
@NullMarked
package dev.almanac.conflicts.entry;

import org.jspecify.annotations.NullMarked;
