/** One-off items on a calendar: scheduled, rescheduled, confirmed, cancelled. */
@NullMarked
package dev.almanac.events.schedule;

import org.jspecify.annotations.NullMarked;
