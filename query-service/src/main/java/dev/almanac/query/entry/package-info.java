/**
 * Calendar entries that are stored (one-off items, and the backfill and catch-up runs of rules): their copies per calendar
 * and UTC day and per UTC hour of start, which the reads merge with the rules' computed occurrences.
 */
@NullMarked
package dev.almanac.query.entry;

import org.jspecify.annotations.NullMarked;
