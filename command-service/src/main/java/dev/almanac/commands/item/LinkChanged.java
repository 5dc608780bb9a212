package dev.almanac.commands.item;

import java.time.Instant;

import dev.almanac.events.TimeRange;

/**
 * What a link or unlink left: each item's version and the stored event that last changed it, the
 * follower's slot and the offset; {@code changed} is false when the link was already as asked.
 */
public record LinkChanged(Side primary, Side follower, TimeRange followerSlot, long offsetSeconds, boolean changed) {

    /** One item after the change. */
    public record Side(long version, Instant at, String eventId) {
    }
}
