package dev.almanac.conflicts.lifecycle;

import dev.almanac.conflicts.link.LinkSide;

/**
 * What an item's change tells the partition of its pair (the partition of the primary's id): its side
 * of the link as it now stands. The item's calendar's task sends it; {@code side.version()} is the
 * item's, so that the pair applies each item's changes once and in order. {@code cause} says what
 * happened, for the reason of a clearance ("item x was rescheduled").
 */
public record LinkSideChange(LinkSide side, String cause) {
}
