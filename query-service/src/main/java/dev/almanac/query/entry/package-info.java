/**
 * Calendar entries (one-off items, and the backfill and catch-up runs of rules): their copies per calendar and
 * UTC day and per UTC hour of start, the paged entries-of-a-calendar query and one entry by id.
 */
@NullMarked
package dev.almanac.query.entry;

import org.jspecify.annotations.NullMarked;
