package dev.almanac.query.window;

import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The last windows computed, each with the revision (lock token) of every document it was read
 * from. A window is served from here only when a fresh read of those documents' revisions finds
 * exactly the same ones, and no document of the query's days that was absent has appeared: any
 * write to a document changes its token, so a stale answer cannot be served. Least recently used
 * answers go first. Both the number of answers and their total size are bounded: a year by hour
 * over a hundred calendars holds close to a million per-queue counts, so answers are weighed by
 * the counts they hold. A capacity of zero turns the cache off.
 */
final class WindowAnswers {

    /** About 80 MB of kept answers at most, counting the per-bucket queue and type entries. */
    static final long MAX_WEIGHT = 1_000_000;

    /** The body of a kept window not written yet. */
    private static final byte[] NOT_WRITTEN = new byte[0];

    private final int capacity;
    private final long maxWeight;
    private final Map<Query, Answer> answers;
    /** The JSON of every kept window, once written, by the window's identity. */
    private final Map<ScheduleWindow, byte[]> bodies = new IdentityHashMap<>();
    private long weight;

    WindowAnswers(int capacity) {
        this(capacity, MAX_WEIGHT);
    }

    WindowAnswers(int capacity, long maxWeight) {
        this.capacity = capacity;
        this.maxWeight = maxWeight;
        this.answers = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** What a window asks for, normalised: the instants in UTC, the zone, the granularity and the queue. */
    record Query(WindowSpec spec, @Nullable String queue) {
    }

    /**
     * A computed window and what it was read from.
     *
     * @param windowDays the revision of each window-day (or, for one queue, calendar-day) document read, by id
     * @param splitDays  the revision of each calendar-day document read for split slots, by id
     * @param beyondHorizon the revision of the rule index the occurrences beyond the horizon were computed for
     */
    record Answer(ScheduleWindow window, Map<String, String> windowDays, Map<String, String> splitDays, String beyondHorizon) {

        long weight() {
            long entries = 0;
            for (TimeBucket bucket : window.buckets()) {
                entries += 1 + bucket.queues().size() + bucket.jobTypes().size();
            }
            return entries + windowDays.size() + splitDays.size();
        }
    }

    synchronized Optional<Answer> find(Query query) {
        return Optional.ofNullable(answers.get(query));
    }

    synchronized void keep(Query query, Answer answer) {
        if (capacity == 0) {
            return;
        }
        long added = answer.weight();
        if (added > maxWeight) {
            return;
        }
        Answer replaced = answers.put(query, answer);
        weight += added - (replaced == null ? 0 : replaced.weight());
        if (replaced != null) {
            bodies.remove(replaced.window());
        }
        bodies.put(answer.window(), NOT_WRITTEN);
        Iterator<Answer> eldestFirst = answers.values().iterator();
        while (answers.size() > capacity || weight > maxWeight) {
            Answer eldest = eldestFirst.next();
            weight -= eldest.weight();
            bodies.remove(eldest.window());
            eldestFirst.remove();
        }
    }

    /** Whether {@code window} is a kept answer, whose JSON {@link #body} writes once and holds. */
    synchronized boolean isKept(ScheduleWindow window) {
        return bodies.containsKey(window);
    }

    /**
     * The JSON of {@code window}: written by {@code writer} once for a kept window and held with
     * it, so that asking again for a window that did not change costs its revision check and not
     * its serialisation (1.2 MB for a year by day over a hundred calendars); written every time
     * for a window not kept.
     */
    byte[] body(ScheduleWindow window, Function<ScheduleWindow, byte[]> writer) {
        byte[] held;
        synchronized (this) {
            held = bodies.get(window);
        }
        if (held != null && held != NOT_WRITTEN) {
            return held;
        }
        byte[] written = writer.apply(window);
        if (held != null) {
            synchronized (this) {
                bodies.replace(window, NOT_WRITTEN, written);
            }
        }
        return written;
    }
}
