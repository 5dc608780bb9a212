package dev.almanac.query.changes;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A page of the feed as the log holds it, before it is shown to its caller ({@link FeedDisclosure}). */
record FeedPage(List<FeedChange> changes, boolean fullSync, @Nullable String nextPageToken, @Nullable String syncToken) {

    FeedPage {
        changes = List.copyOf(changes);
    }
}
