/** Calendars as projected from the calendars topic, and the calendar list and detail queries. */
@NullMarked
package dev.almanac.query.calendar;

import org.jspecify.annotations.NullMarked;
