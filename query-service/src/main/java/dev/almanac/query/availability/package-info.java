/**
 * Availability of calendars: free slots on a calendar's wall clock, free/busy, and the batch
 * check (SCH-AVAILABILITY, rules SCH-032 to SCH-034), computed from the {@code calendar_days} copies
 * by key lookups. A calendar is busy wherever as many entries as its capacity run at once.
 */
@NullMarked
package dev.almanac.query.availability;

import org.jspecify.annotations.NullMarked;
