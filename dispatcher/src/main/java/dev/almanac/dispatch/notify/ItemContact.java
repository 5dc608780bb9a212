package dev.almanac.dispatch.notify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.UserId;
import dev.almanac.events.schedule.ItemFields;
import dev.almanac.events.schedule.ItemScheduled;

/**
 * What the notifier keeps of an item besides its scheduler: its title, the users its metadata names ({@code owner}, and
 * the entries of {@code attendees} or {@code participants} that are user ids), who hear of a move made with
 * {@code notify}, and whether it is private (ADR 0096), so that only its scheduler and its calendar's managers read its
 * title in a notification.
 */
record ItemContact(String title, List<UserId> named, boolean keptPrivate) {

    private static final String[] NAMING_FIELDS = {"owner", "attendees", "participants"};
    private static final char SEPARATOR = '\u001f';
    // Leads the stored form of a private item's contact; a title holds no control character, and contacts stored before
    // privacy was kept have no mark.
    private static final char PRIVATE_MARK = '\u001e';

    ItemContact {
        named = List.copyOf(named);
    }

    static ItemContact of(ItemScheduled scheduled) {
        List<UserId> named = new ArrayList<>();
        Map<String, @Nullable Object> metadata = scheduled.metadata();
        for (String field : NAMING_FIELDS) {
            Object value = metadata.get(field);
            if (value instanceof String name) {
                Recipients.addIfUser(named, name);
            } else if (value instanceof Collection<?> names) {
                names.stream().filter(String.class::isInstance).forEach(name -> Recipients.addIfUser(named, (String) name));
            }
        }
        return new ItemContact(scheduled.title(), named, scheduled.keptPrivate());
    }

    /** This contact after a change of the item's own fields: its title and whether it is private. */
    ItemContact updatedTo(ItemFields current) {
        return new ItemContact(current.title(), named, current.keptPrivate());
    }

    /** Whether {@code recipient} reads this item's title: anyone while it is not private, else its scheduler and the managers. */
    boolean titleReadBy(UserId recipient, @Nullable String scheduler, Set<UserId> managers) {
        return !keptPrivate || managers.contains(recipient) || recipient.value().equals(scheduler);
    }

    byte[] toBytes() {
        StringBuilder text = new StringBuilder();
        if (keptPrivate) {
            text.append(PRIVATE_MARK);
        }
        text.append(title);
        named.forEach(user -> text.append(SEPARATOR).append(user.value()));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static ItemContact fromBytes(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        boolean keptPrivate = !text.isEmpty() && text.charAt(0) == PRIVATE_MARK;
        String[] parts = (keptPrivate ? text.substring(1) : text).split(String.valueOf(SEPARATOR), -1);
        return new ItemContact(parts[0], Arrays.stream(parts, 1, parts.length).map(UserId::of).toList(), keptPrivate);
    }
}
