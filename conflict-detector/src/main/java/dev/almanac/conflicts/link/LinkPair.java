package dev.almanac.conflicts.link;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkRole;

/**
 * A primary and a follower, as the partition of the primary's id knows them: each side as its
 * calendar's task last told it (null: never heard of), and whether the pair waits out a grace.
 */
public record LinkPair(ItemId primaryId, ItemId followerId, @Nullable LinkSide primary, @Nullable LinkSide follower,
                       @Nullable PendingOrphan pending) {

    public static LinkPair unknown(ItemId primaryId, ItemId followerId) {
        return new LinkPair(primaryId, followerId, null, null, null);
    }

    public @Nullable LinkSide side(LinkRole role) {
        return role == LinkRole.PRIMARY ? primary : follower;
    }

    public LinkPair with(LinkSide side) {
        return side.role() == LinkRole.PRIMARY
                ? new LinkPair(primaryId, followerId, side, follower, pending)
                : new LinkPair(primaryId, followerId, primary, side, pending);
    }

    public LinkPair withPending(@Nullable PendingOrphan next) {
        return new LinkPair(primaryId, followerId, primary, follower, next);
    }
}
