/** Partition-local state primitives: sortable binary keys, compact values, and one record's staged writes. */
@NullMarked
package dev.almanac.conflicts.state;

import org.jspecify.annotations.NullMarked;
