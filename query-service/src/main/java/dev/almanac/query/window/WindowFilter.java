package dev.almanac.query.window;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.Priority;
import dev.almanac.query.entry.EntryCopy;

/**
 * What a window counts besides the queue: only entries of one type, carrying one tag, or of one
 * priority (F033-WINDOW's filters). Occurrences have no tags or priority, so a tag or priority filter
 * counts items only.
 */
public record WindowFilter(@Nullable String type, @Nullable String tag, @Nullable Priority priority) {

    public static final WindowFilter NONE = new WindowFilter(null, null, null);

    public boolean isNone() {
        return type == null && tag == null && priority == null;
    }

    /**
     * Whether the window counts {@code copy}. A private entry is counted by no type, tag or priority of its own, only as
     * {@link EntryCopy#PRIVATE_TYPE}: a filter must not tell what it hides (ADR 0096).
     */
    public boolean accepts(EntryCopy copy) {
        if (copy.privateEntry()) {
            return (type == null || type.equals(EntryCopy.PRIVATE_TYPE)) && tag == null && priority == null;
        }
        return (type == null || type.equals(copy.type()))
                && (tag == null || copy.tags().contains(tag))
                && (priority == null || priority == copy.priority());
    }
}
