package dev.almanac.conflicts.link;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkRole;

/**
 * A primary and a follower, as the partition of the primary's id knows them: each side as its
 * calendar's task last told it (null: never heard of), the sides that are on their way, and whether
 * the pair waits out a grace.
 *
 * @param primaryAwaited  the highest version of the primary that a side of the follower said its transaction
 *                        brought the primary to ({@link SameTransaction}); -1 when none said so
 * @param followerAwaited the same for the follower, as the primary's sides said
 */
public record LinkPair(ItemId primaryId, ItemId followerId, @Nullable LinkSide primary, @Nullable LinkSide follower,
                       long primaryAwaited, long followerAwaited, @Nullable PendingOrphan pending) {

    /** A pair that awaits no side. */
    public LinkPair(ItemId primaryId, ItemId followerId, @Nullable LinkSide primary, @Nullable LinkSide follower,
                    @Nullable PendingOrphan pending) {
        this(primaryId, followerId, primary, follower, -1, -1, pending);
    }

    public static LinkPair unknown(ItemId primaryId, ItemId followerId) {
        return new LinkPair(primaryId, followerId, null, null, null);
    }

    public @Nullable LinkSide side(LinkRole role) {
        return role == LinkRole.PRIMARY ? primary : follower;
    }

    /** The pair with {@code side} in its place, awaiting the other item at the version the side's transaction brought it to. */
    public LinkPair with(LinkSide side) {
        long awaited = side.sameTransaction().otherVersion();
        return side.role() == LinkRole.PRIMARY
                ? new LinkPair(primaryId, followerId, side, follower, primaryAwaited, Math.max(followerAwaited, awaited), pending)
                : new LinkPair(primaryId, followerId, primary, side, Math.max(primaryAwaited, awaited), followerAwaited, pending);
    }

    public LinkPair withPending(@Nullable PendingOrphan next) {
        return new LinkPair(primaryId, followerId, primary, follower, primaryAwaited, followerAwaited, next);
    }

    /**
     * Whether a side of this pair is still on its way: one side's transaction changed the other item up to a
     * version that the pair has not seen yet. Until it arrives, sides that disagree may be only half of one change.
     */
    public boolean awaitsASide() {
        return versionOf(primary) < primaryAwaited || versionOf(follower) < followerAwaited;
    }

    private static long versionOf(@Nullable LinkSide side) {
        return side == null ? -1 : side.version();
    }
}
