/**
 * The change feed, {@code GET /api/v1/changes} (ADR 0080): a log of what the projection did to entries, occurrences, rules
 * and conflicts, kept by topic partition and offset, and sync tokens made of the offsets it holds, signed and bound to
 * their caller.
 */
@NullMarked
package dev.almanac.query.changes;

import org.jspecify.annotations.NullMarked;
