/**
 * The one recurrence expansion engine: a rule's cron, zone and DST policy in, its occurrences
 * with deterministic ids, instants and jitter out. Used by rule-expander and query-service alike.
 */
@NullMarked
package dev.almanac.recurrence;

import org.jspecify.annotations.NullMarked;
