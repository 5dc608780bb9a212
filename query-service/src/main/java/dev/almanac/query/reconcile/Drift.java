package dev.almanac.query.reconcile;

import org.jspecify.annotations.Nullable;

/**
 * One entity whose document disagrees with the events.
 *
 * @param kind            {@code missing}: the events imply the entity, the store has no document; {@code behind}: the
 *                        document is at an older version than the last event; {@code ahead}: at a newer version than any
 *                        event (altered by hand, or events lost from the topic); {@code extra}: a document no event implies
 * @param expectedVersion the version of the last event of the entity on the topics; null for {@code extra}
 * @param storedVersion   the document's version; null for {@code missing}
 */
public record Drift(String id, String kind, @Nullable Long expectedVersion, @Nullable Long storedVersion) {

    static final String MISSING = "missing";
    static final String BEHIND = "behind";
    static final String AHEAD = "ahead";
    static final String EXTRA = "extra";
}
