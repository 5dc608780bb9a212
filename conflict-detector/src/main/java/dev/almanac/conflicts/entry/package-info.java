/** Entries (one-off items and rule occurrences) that occupy time on calendars, stored in MongoDB. */
@NullMarked
package dev.almanac.conflicts.entry;

import org.jspecify.annotations.NullMarked;
