package dev.almanac.query.readmodel;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * A document as it was read: its decoded state and raw fields (both null when no document has
 * this id) and the revision a compare-and-set write must name.
 *
 * @param document the stored fields without the lock token, so that a new state can be diffed against it
 */
public record Stored<S>(String id, @Nullable S state, long revision, @Nullable Document document) {

    public static <S> Stored<S> absent(String id) {
        return new Stored<>(id, null, 0, null);
    }

    public boolean exists() {
        return document != null;
    }
}
