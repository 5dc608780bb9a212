/**
 * Linked items (LNK-ORPHAN's pairs, ADR 0022) as conflict-detector needs them to find orphaned links
 * (ADR 0061): on the partition of an item's calendar, the links the item takes part in; on the
 * partition of the primary's id, both sides of each pair as their calendars' tasks last told them,
 * and the pairs that disagree, with the time their grace runs out.
 */
@NullMarked
package dev.almanac.conflicts.link;

import org.jspecify.annotations.NullMarked;
