package dev.almanac.query.changes;

import java.util.Set;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import dev.almanac.query.conflict.Conflicts;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.readmodel.ProjectedEvent.StateChange;
import dev.almanac.query.rule.Rules;

/**
 * One change as the feed tells it: an entity of a kind, on a calendar, at a version, created, changed or removed, with its
 * state after the change (none for a removal). Removed means gone from its calendar: a cancelled item or withdrawn
 * occurrence, a deleted rule, a conflict that is no longer open (cleared, resolved or dismissed); the reason says which.
 *
 * @param state the entity's document after the change, as its read model holds it, without its id, version and a rule's
 *              history; null for a removal
 */
record FeedChange(String kind, String id, String calendarId, long version, String change, @Nullable String reason,
                  @Nullable Document state) {

    static final String CREATED = "created";
    static final String CHANGED = "changed";
    static final String REMOVED = "removed";

    static final Set<String> COLLECTIONS = Set.of(Entries.COLLECTION, Rules.COLLECTION, Conflicts.COLLECTION);

    private static final Set<String> CLOSED_CONFLICT = Set.of("cleared", "resolved", "dismissed");

    /**
     * What the feed tells of one entity's change, or null when it tells nothing: a rule whose creation is not seen yet (it
     * has no calendar), or a change to an entity that was removed before and stays removed.
     */
    static @Nullable FeedChange of(StateChange change) {
        Document after = change.after();
        String calendarId = after.getString("calendar_id");
        if (calendarId == null) {
            return null;
        }
        String kind = kindOf(change.collection(), after);
        String removedNow = removal(change.collection(), after);
        String removedBefore = change.before() == null ? null : removal(change.collection(), change.before());
        long version = ((Number) after.get("version")).longValue();
        if (removedNow != null) {
            return change.before() == null || removedBefore != null ? null
                    : new FeedChange(kind, change.id(), calendarId, version, REMOVED, removedNow, null);
        }
        String what = change.before() == null || removedBefore != null ? CREATED : CHANGED;
        return new FeedChange(kind, change.id(), calendarId, version, what, null, state(after));
    }

    /** The caller may no longer read the calendar: everything of it must go. */
    static FeedChange accessRevoked(String calendarId) {
        return new FeedChange("calendar", calendarId, calendarId, 0, REMOVED, "access_revoked", null);
    }

    /** This change with {@code shown} for its state: what one caller is shown of it. */
    FeedChange withState(Document shown) {
        return new FeedChange(kind, id, calendarId, version, change, reason, shown);
    }

    /** The entity's key in the feed's own collections: kind and id. */
    String key() {
        return kind + ":" + id;
    }

    boolean removed() {
        return REMOVED.equals(change);
    }

    Document document() {
        Document document = new Document("kind", kind).append("id", id).append("calendar_id", calendarId).append("version", version)
                .append("change", change);
        if (reason != null) {
            document.append("reason", reason);
        }
        if (state != null) {
            document.append("state", state);
        }
        return document;
    }

    static FeedChange fromDocument(Document document) {
        return new FeedChange(document.getString("kind"), document.getString("id"), document.getString("calendar_id"),
                ((Number) document.get("version")).longValue(), document.getString("change"), document.getString("reason"),
                document.get("state", Document.class));
    }

    private static String kindOf(String collection, Document after) {
        return switch (collection) {
            case Entries.COLLECTION -> "occurrence".equals(after.getString("kind")) ? "occurrence" : "item";
            case Rules.COLLECTION -> "rule";
            case Conflicts.COLLECTION -> "conflict";
            default -> throw new IllegalArgumentException("the change feed does not follow " + collection);
        };
    }

    /** Why the entity is gone from its calendar in this state, or null while it is on it. */
    private static @Nullable String removal(String collection, Document state) {
        String status = state.getString("status");
        return switch (collection) {
            // "deleted" for an item status a tombstone may bring (seed 003's DELETE): gone like a cancelled one.
            case Entries.COLLECTION -> "cancelled".equals(status) || "deleted".equals(status) ? status : null;
            case Rules.COLLECTION -> "disabled".equals(status) && !state.containsKey("paused_at") ? "deleted" : null;
            case Conflicts.COLLECTION -> CLOSED_CONFLICT.contains(status) ? status : null;
            default -> null;
        };
    }

    private static Document state(Document after) {
        Document state = new Document(after);
        state.remove("_id");
        state.remove("version");
        state.remove("history");
        return state;
    }
}
