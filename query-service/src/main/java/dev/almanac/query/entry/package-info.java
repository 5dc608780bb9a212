/** Calendar entries (one-off items and materialised rule occurrences) and the paged entries-of-a-calendar query. */
@NullMarked
package dev.almanac.query.entry;

import org.jspecify.annotations.NullMarked;
