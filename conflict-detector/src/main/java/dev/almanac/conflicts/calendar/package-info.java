/** Calendars as conflict-detector needs them: capacity and type, stored in MongoDB. */
@NullMarked
package dev.almanac.conflicts.calendar;

import org.jspecify.annotations.NullMarked;
