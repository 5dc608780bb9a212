package dev.almanac.conflicts.link;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkedChange;

/**
 * What the fact behind a side said of the other item of the pair, by its {@code linked_changes}
 * (ADR 0061): that the same transaction changed the other item too, up to a version whose
 * side is then on its way; that it did not; or nothing, for a fact whose producer did not say.
 *
 * @param said         false when the fact did not say (its {@code linked_changes} is null)
 * @param otherVersion the version the other item reached in the same transaction; -1 when it did not change there
 */
public record SameTransaction(boolean said, long otherVersion) {

    public static final SameTransaction UNSAID = new SameTransaction(false, -1);
    public static final SameTransaction ALONE = new SameTransaction(true, -1);

    public static SameTransaction otherReached(long version) {
        return new SameTransaction(true, version);
    }

    /** What {@code linkedChanges}, an event's, says of {@code other}. */
    public static SameTransaction of(@Nullable List<LinkedChange> linkedChanges, ItemId other) {
        if (linkedChanges == null) {
            return UNSAID;
        }
        for (LinkedChange change : linkedChanges) {
            if (change.itemId().equals(other)) {
                return otherReached(change.version());
            }
        }
        return ALONE;
    }

    public boolean otherChanged() {
        return otherVersion >= 0;
    }
}
