/** Calendar entries (one-off items and materialised rule occurrences): the paged entries-of-a-calendar query and one entry by id. */
@NullMarked
package dev.almanac.query.entry;

import org.jspecify.annotations.NullMarked;
