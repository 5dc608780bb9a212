package dev.almanac.dispatch.notify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.UserId;
import dev.almanac.events.schedule.ItemScheduled;

/**
 * What the notifier keeps of an item besides its scheduler: its title, and the users its metadata names
 * ({@code owner}, and the entries of {@code attendees} or {@code participants} that are user ids), who hear of a move
 * made with {@code notify}.
 */
record ItemContact(String title, List<UserId> named) {

    private static final String[] NAMING_FIELDS = {"owner", "attendees", "participants"};
    private static final char SEPARATOR = '\u001f';

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
        return new ItemContact(scheduled.title(), named);
    }

    byte[] toBytes() {
        StringBuilder text = new StringBuilder(title);
        named.forEach(user -> text.append(SEPARATOR).append(user.value()));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static ItemContact fromBytes(byte[] bytes) {
        String[] parts = new String(bytes, StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), -1);
        return new ItemContact(parts[0], Arrays.stream(parts, 1, parts.length).map(UserId::of).toList());
    }
}
