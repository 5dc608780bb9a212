/** Seed 003's list of scheduled items, {@code GET /api/v1/schedules}: items and rule occurrences across calendars, filtered, by cursor. */
@NullMarked
package dev.almanac.query.schedulelist;

import org.jspecify.annotations.NullMarked;
