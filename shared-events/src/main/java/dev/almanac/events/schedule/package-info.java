/** One-off items on a calendar: scheduled, rescheduled. */
@NullMarked
package dev.almanac.events.schedule;

import org.jspecify.annotations.NullMarked;
