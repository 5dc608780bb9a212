package dev.almanac.events.schedule;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The fields of an item a person may change with a PUT ({@link ItemUpdated}), as they stood before or after it. {@code private}
 * (ADR 0096) is absent for an item that is not private, and on events written before the flag.
 */
public record ItemFields(String title, String type, Priority priority, List<String> tags, ScheduleStatus status,
                         @JsonProperty("private") @Nullable Boolean privateItem) {

    public ItemFields {
        tags = List.copyOf(tags);
        privateItem = Boolean.TRUE.equals(privateItem) ? Boolean.TRUE : null;
    }

    /** Fields of an item that is not private. */
    public ItemFields(String title, String type, Priority priority, List<String> tags, ScheduleStatus status) {
        this(title, type, priority, tags, status, null);
    }

    /** Whether the item is a busy block to all but its owner, its calendar's managers and the admins (ADR 0096). */
    public boolean keptPrivate() {
        return Boolean.TRUE.equals(privateItem);
    }
}
