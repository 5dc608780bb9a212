/** The one recurrence expansion engine: a rule's cron, zone and DST policy in; ids, instants and jitter of its occurrences out. */
@NullMarked
package dev.almanac.recurrence;

import org.jspecify.annotations.NullMarked;
