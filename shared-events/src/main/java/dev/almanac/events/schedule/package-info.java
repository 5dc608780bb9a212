/** One-off items on a calendar: scheduled, rescheduled, confirmed, cancelled, linked to each other, and their attachments. */
@NullMarked
package dev.almanac.events.schedule;

import org.jspecify.annotations.NullMarked;
