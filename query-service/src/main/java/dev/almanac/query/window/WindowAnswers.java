package dev.almanac.query.window;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The last windows computed, each with the revision (lock token) of every document it was read
 * from. A window is served from here only when a fresh read of those documents' revisions finds
 * exactly the same ones, and no document of the query's days that was absent has appeared: any
 * write to a document changes its token, so a stale answer cannot be served. Least recently used
 * answers go first; the capacity bounds the memory, and zero turns the cache off.
 */
final class WindowAnswers {

    private final int capacity;
    private final Map<Query, Answer> answers;

    WindowAnswers(int capacity) {
        this.capacity = capacity;
        this.answers = new LinkedHashMap<>(16, 0.75f, true);
    }

    boolean isEnabled() {
        return capacity > 0;
    }

    /** What a window asks for, normalised: the instants in UTC, the zone, the granularity and the queue. */
    record Query(WindowSpec spec, @Nullable String queue) {
    }

    /**
     * A computed window and what it was read from.
     *
     * @param windowDays the revision of each window-day (or, for one queue, calendar-day) document read, by id
     * @param splitDays  the revision of each calendar-day document read for split slots, by id
     */
    record Answer(ScheduleWindow window, Map<String, String> windowDays, Map<String, String> splitDays) {
    }

    synchronized Optional<Answer> find(Query query) {
        return Optional.ofNullable(answers.get(query));
    }

    synchronized void keep(Query query, Answer answer) {
        if (!isEnabled()) {
            return;
        }
        answers.put(query, answer);
        if (answers.size() > capacity) {
            answers.remove(answers.keySet().iterator().next());
        }
    }
}
