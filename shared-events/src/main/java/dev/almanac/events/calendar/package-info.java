/**
 * Calendars: what can be booked, in which zone, and how many entries it holds at once; and
 * resources, which items book besides their calendar, with the ranges they are unavailable.
 */
@NullMarked
package dev.almanac.events.calendar;

import org.jspecify.annotations.NullMarked;
