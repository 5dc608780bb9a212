/** Issue 72's change feed benchmark on a running local stack: syncs while items are written, and how soon a write is in the feed. */
@NullMarked
package dev.almanac.benchmarks.changes;

import org.jspecify.annotations.NullMarked;
