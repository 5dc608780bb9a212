/** The one recurrence expansion engine: a rule's schedule (cron in three dialects, or an RRULE), zone and DST policy in; ids, instants and jitter of its occurrences out. */
@NullMarked
package dev.almanac.recurrence;

import org.jspecify.annotations.NullMarked;
