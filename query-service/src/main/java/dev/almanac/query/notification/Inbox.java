package dev.almanac.query.notification;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.almanac.events.notification.NotificationCategory;

/**
 * One user's notifications as a list shows them: an entry per notification (its id, time and category), and when the
 * user read or acknowledged each. The notifications themselves are documents of their own, read by id.
 */
record Inbox(String user, List<Entry> entries, Map<String, Instant> read, Map<String, Instant> acknowledged) {

    /** Unread first; within each, the newest first, then by id. */
    static final Comparator<Position> ORDER = Comparator.comparing(Position::read)
            .thenComparing(Position::occurredAt, Comparator.reverseOrder())
            .thenComparing(Position::id, Comparator.reverseOrder());

    Inbox {
        entries = List.copyOf(entries);
        read = Map.copyOf(read);
        acknowledged = Map.copyOf(acknowledged);
    }

    static Inbox emptyOf(String user) {
        return new Inbox(user, List.of(), Map.of(), Map.of());
    }

    /** One notification in the list. */
    record Entry(String id, Instant occurredAt, NotificationCategory category) {
    }

    /** Where a notification stands in the list's order. */
    record Position(boolean read, Instant occurredAt, String id) {
    }

    Optional<Entry> entry(String id) {
        return entries.stream().filter(entry -> entry.id().equals(id)).findFirst();
    }

    NotificationStatus status(String id) {
        if (acknowledged.containsKey(id)) {
            return NotificationStatus.ACKNOWLEDGED;
        }
        return read.containsKey(id) ? NotificationStatus.READ : NotificationStatus.UNREAD;
    }

    Position position(Entry entry) {
        return new Position(read.containsKey(entry.id()), entry.occurredAt(), entry.id());
    }

    long unread(NotificationCategory category) {
        return entries.stream().filter(entry -> entry.category() == category && !read.containsKey(entry.id())).count();
    }

    long unread() {
        return entries.stream().filter(entry -> !read.containsKey(entry.id())).count();
    }
}
