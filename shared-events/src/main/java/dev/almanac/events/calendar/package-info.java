/** Calendars: what can be booked, in which zone, and how many entries it holds at once. */
@NullMarked
package dev.almanac.events.calendar;

import org.jspecify.annotations.NullMarked;
