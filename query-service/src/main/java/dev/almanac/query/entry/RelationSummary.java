package dev.almanac.query.entry;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The part of an item's {@link ItemRelations} that calendar views show, as copied into every day
 * the item overlaps: the ids it depends on, its primary or its followers, and how many files are
 * attached to it.
 */
public record RelationSummary(List<String> dependencies, @Nullable String primaryId, List<String> followerIds, int attachmentCount) {

    public static final RelationSummary NONE = new RelationSummary(List.of(), null, List.of(), 0);

    public RelationSummary {
        dependencies = List.copyOf(dependencies);
        followerIds = List.copyOf(followerIds);
    }

    /** A follower moves only with its primary, so it cannot be rescheduled by itself. */
    public boolean isFollower() {
        return primaryId != null;
    }
}
