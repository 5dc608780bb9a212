package dev.almanac.query.schedulelist;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.Priority;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.EntryStatus;

/** What a list asks of each entry besides its time and calendar: a status, a type, a priority, a tag; null asks nothing. */
public record ScheduleFilter(@Nullable ListedStatus status, @Nullable String type, @Nullable Priority priority, @Nullable String tag) {

    public static final ScheduleFilter NONE = new ScheduleFilter(null, null, null, null);

    /**
     * Whether the list shows {@code copy}. An entry the caller sees as a busy block matches no type, tag or priority of its own
     * (a private one counts as {@link EntryCopy#PRIVATE_TYPE}), as a window counts it: a filter must not tell what the
     * block hides (ADR 0096).
     */
    boolean accepts(EntryCopy copy, boolean shownWhole) {
        if (!shownWhole) {
            return (status == null || status.matches(copy.status())) && (type == null || type.equals(EntryCopy.PRIVATE_TYPE))
                    && priority == null && tag == null;
        }
        return (status == null || status.matches(copy.status()))
                && (type == null || type.equals(copy.countedType()))
                && (priority == null || priority == copy.priority())
                && (tag == null || copy.tags().contains(tag));
    }

    /** Whether a rule occurrence can pass at all: every occurrence is scheduled, with no priority and no tags. */
    boolean mayAcceptOccurrences() {
        return (status == null || status.matches(EntryStatus.SCHEDULED)) && priority == null && tag == null;
    }
}
