/** Calendars as conflict-detector needs them: capacity, type, and how long their entries and conflicts get. */
@NullMarked
package dev.almanac.conflicts.calendar;

import org.jspecify.annotations.NullMarked;
