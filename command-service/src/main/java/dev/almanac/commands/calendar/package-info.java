/** Calendars: creating them, and the terms (zone, capacity, overbooking policy) other aggregates consult. */
@NullMarked
package dev.almanac.commands.calendar;

import org.jspecify.annotations.NullMarked;
