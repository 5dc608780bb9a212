package dev.almanac.query.window;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.almanac.events.Tenant;

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

    /**
     * Part of every window's entity tag. Change it whenever the same documents would be written as
     * a different body (a new field, another order), so that a new replica never gives an old
     * body's tag to a new body.
     */
    static final String BODY_FORMAT = "schedule-window-1";

    private final int capacity;
    private final long maxWeight;
    private final Map<Query, Kept> answers;
    /** The last check begun of each query, which requests that allow an answer as old as the interval may share. */
    private final Map<Query, Checking> checking = new HashMap<>();
    /** The bodies of every kept window, each written when first asked for, by the window's identity. */
    private final Map<ScheduleWindow, Bodies> bodies = new IdentityHashMap<>();
    private long weight;

    WindowAnswers(int capacity) {
        this(capacity, MAX_WEIGHT);
    }

    WindowAnswers(int capacity, long maxWeight) {
        this.capacity = capacity;
        this.maxWeight = maxWeight;
        this.answers = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * What a window asks for, normalised: the instants in UTC, the zone, the granularity, the queue, the calendars
     * left out of a window over all calendars for a caller without a role on them (none for one queue), and in
     * multi-tenant mode the tenant whose calendars a window over all calendars counts (none for one queue).
     */
    record Query(WindowSpec spec, @Nullable String queue, SortedSet<String> hidden, @Nullable Tenant tenant) {

        Query {
            // The set comes unmodifiable from CalendarVisibility; a window of one queue hides nothing.
            hidden = queue != null ? Collections.emptySortedSet() : hidden;
            tenant = queue != null ? null : tenant;
        }

        Query(WindowSpec spec, @Nullable String queue) {
            this(spec, queue, Collections.emptySortedSet(), null);
        }
    }

    /**
     * A computed window and what it was read from.
     *
     * @param windowDays the revision of each window-day (or, for one queue, calendar-day) document read, by id
     * @param splitDays  the revision of each calendar-day document read for split slots, by id
     * @param ruleIndex the revision of the rule index the rule occurrences were computed for
     * @param tag        the window's entity tag, quoted ({@link #tagOf})
     * @param days       what the window was counted from, day by day, so that a change to a few days updates it; null
     *                   when it cannot be updated so
     */
    record Answer(ScheduleWindow window, Map<String, String> windowDays, Map<String, String> splitDays, String ruleIndex,
                  String tag, @Nullable KeptDays days) {

        static Answer of(Query query, ScheduleWindow window, Map<String, String> windowDays, Map<String, String> splitDays,
                         String ruleIndex, @Nullable KeptDays days) {
            return new Answer(window, windowDays, splitDays, ruleIndex, tagOf(query, windowDays, splitDays, ruleIndex), days);
        }

        /**
         * In per-queue and per-type counts, about 80 bytes each. Kept days hold a grid of about as many counts, and
         * their documents' counts by their bytes.
         */
        long weight() {
            long entries = 0;
            for (TimeBucket bucket : window.buckets()) {
                entries += 1 + bucket.queues().size() + bucket.jobTypes().size();
            }
            return entries + windowDays.size() + splitDays.size() + (days == null ? 0 : entries + days.bytes() / 80);
        }
    }

    /**
     * A strong entity tag for the window that {@code query} reads from these revisions: a digest of
     * the query, the body's format and every revision. The same revisions give the same window (the
     * kept answers rely on it), so this is as strong as a digest of the body, the same on every
     * replica, and costs a few hundred short strings where a digest of a year's body hashes 1.2 MB.
     */
    static String tagOf(Query query, Map<String, String> windowDays, Map<String, String> splitDays, String ruleIndex) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        WindowSpec spec = query.spec();
        for (String part : new String[] {BODY_FORMAT, spec.from().toString(), spec.till().toString(), spec.timezone().getId(),
                spec.granularity().name(), query.queue() == null ? "" : query.queue(), ruleIndex}) {
            update(digest, part);
        }
        if (query.tenant() != null) {
            update(digest, "tenant:" + query.tenant().name());
        }
        if (!query.hidden().isEmpty()) {
            // Marked, so that no list of hidden calendars hashes like the revision counts that follow an unfiltered query.
            update(digest, "hidden:" + query.hidden().size());
            query.hidden().forEach(calendarId -> update(digest, calendarId));
        }
        for (Map<String, String> revisions : List.of(windowDays, splitDays)) {
            update(digest, Integer.toString(revisions.size()));
            new TreeMap<>(revisions).forEach((id, revision) -> {
                update(digest, id);
                update(digest, revision == null ? "" : revision);
            });
        }
        return '"' + HexFormat.of().formatHex(digest.digest(), 0, 16) + '"';
    }

    /** Each part ends in a NUL, which no id, revision or zone contains, so that no two lists of parts hash alike. */
    private static void update(MessageDigest digest, String part) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    /** Whether any answer is kept: a capacity of zero keeps none. */
    boolean keepsAny() {
        return capacity > 0;
    }

    synchronized Optional<Answer> find(Query query) {
        Kept kept = answers.get(query);
        return kept == null ? Optional.empty() : Optional.of(kept.answer);
    }

    /**
     * The kept answer to {@code query} if a check that began at {@code since} or later found it
     * current: it holds every write that had completed by then.
     */
    synchronized Optional<Answer> currentSince(Query query, long since) {
        Kept kept = answers.get(query);
        return kept != null && kept.known && kept.currentAt - since >= 0 ? Optional.of(kept.answer) : Optional.empty();
    }

    /**
     * The kept answer to {@code query} if it was known current at {@code since} or later; else the
     * check of it that began at {@code since} or later, if one is under way; else {@code check},
     * begun now (at {@code now}) and shared with the requests that come while it runs.
     */
    synchronized Mono<Answer> currentOrChecking(Query query, long since, Supplier<Mono<Answer>> check, long now) {
        Optional<Answer> current = currentSince(query, since);
        if (current.isPresent()) {
            return Mono.just(current.get());
        }
        Checking under = checking.get(query);
        if (under != null && under.began() - since >= 0) {
            return under.answer();
        }
        Checking begun = new Checking(now);
        // Forgotten once it ends, so that windows never kept leave nothing behind; a kept one is then current since it began.
        begun.answer = check.get().doFinally(signal -> finished(query, begun)).cache();
        checking.put(query, begun);
        return begun.answer;
    }

    private synchronized void finished(Query query, Checking ended) {
        checking.remove(query, ended);
    }

    /** A check of a kept answer (or its computation) shared by the requests that come while it runs, and when it began. */
    private static final class Checking {

        private final long began;
        private Mono<Answer> answer = Mono.empty();

        Checking(long began) {
            this.began = began;
        }

        long began() {
            return began;
        }

        Mono<Answer> answer() {
            return answer;
        }
    }

    /**
     * Records that {@code answer}, if still the one kept for {@code query}, was current when a check began at {@code at},
     * which read {@code scopeRevision} ({@link WindowRevisions}) before anything else.
     */
    synchronized void current(Query query, Answer answer, long at, String scopeRevision) {
        Kept kept = answers.get(query);
        if (kept != null && kept.answer == answer && (!kept.known || at - kept.currentAt > 0)) {
            kept.known = true;
            kept.currentAt = at;
            kept.scopeRevision = scopeRevision;
        }
    }

    /** Keeps {@code answer}, computed from reads that began at {@code at} with a read of {@code scopeRevision}. */
    synchronized void keep(Query query, Answer answer, long at, String scopeRevision) {
        keep(query, answer);
        current(query, answer, at, scopeRevision);
    }

    /**
     * Whether {@code answer} is still the one kept for {@code query} and the last check that found it current read the
     * same revision of its scope as {@code scopeRevision}, read now: then no day of the scope has been written since,
     * and the answer is current without a read of its days. A scope without a revision never matches.
     */
    synchronized boolean scopeUnchanged(Query query, Answer answer, String scopeRevision) {
        Kept kept = answers.get(query);
        return kept != null && kept.answer == answer && kept.known && !WindowRevisions.NONE.equals(scopeRevision)
                && scopeRevision.equals(kept.scopeRevision);
    }

    /**
     * The revision of {@code query}'s scope that the last check finding {@code answer} current read first, if
     * {@code answer} is still the one kept and that scope had a revision.
     */
    synchronized Optional<String> scopeRevision(Query query, Answer answer) {
        Kept kept = answers.get(query);
        return kept != null && kept.answer == answer && kept.known && !WindowRevisions.NONE.equals(kept.scopeRevision)
                ? Optional.of(kept.scopeRevision)
                : Optional.empty();
    }

    synchronized void keep(Query query, Answer answer) {
        if (capacity == 0) {
            return;
        }
        long added = answer.weight();
        if (added > maxWeight) {
            return;
        }
        Kept replaced = answers.put(query, new Kept(answer));
        weight += added - (replaced == null ? 0 : replaced.answer.weight());
        Bodies before = replaced == null ? null : bodies.remove(replaced.answer.window());
        // The version before's gzip, so that the new one deflates only the segments that changed.
        bodies.put(answer.window(), new Bodies(before == null ? null : before.lastGzip()));
        Iterator<Kept> eldestFirst = answers.values().iterator();
        while (answers.size() > capacity || weight > maxWeight) {
            Kept eldest = eldestFirst.next();
            weight -= eldest.answer.weight();
            bodies.remove(eldest.answer.window());
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
        Bodies held;
        synchronized (this) {
            held = bodies.get(window);
            if (held == null) {
                return writer.apply(window);
            }
        }
        // One request writes it; the others that come meanwhile wait for it rather than write it too.
        synchronized (held) {
            synchronized (this) {
                if (held.json != null) {
                    return held.json;
                }
            }
            byte[] written = writer.apply(window);
            synchronized (this) {
                held.json = written;
            }
            return written;
        }
    }

    /**
     * The same JSON gzipped: compressed once for a kept window and held with it (a year by day over a hundred
     * calendars shrinks four- to sevenfold), as {@link SegmentedGzip} segments, so that the window's next version after
     * a write deflates only the segments that changed; compressed every time for a window not kept.
     */
    byte[] gzippedBody(ScheduleWindow window, Function<ScheduleWindow, byte[]> writer) {
        Bodies held;
        synchronized (this) {
            held = bodies.get(window);
            if (held == null) {
                return SegmentedGzip.of(writer.apply(window), null).bytes();
            }
        }
        synchronized (held) {
            SegmentedGzip before;
            synchronized (this) {
                if (held.gzip != null) {
                    return held.gzip.bytes();
                }
                before = held.before;
            }
            SegmentedGzip gzipped = SegmentedGzip.of(body(window, writer), before);
            synchronized (this) {
                held.gzip = gzipped;
                held.before = null;
            }
            return gzipped.bytes();
        }
    }

    /** The gzip written and held for {@code window}, if any: what a test reads to see which segments were deflated. */
    synchronized @Nullable SegmentedGzip gzipHeld(ScheduleWindow window) {
        Bodies held = bodies.get(window);
        return held == null ? null : held.gzip;
    }

    /**
     * A kept answer and when it was last known current: the {@link System#nanoTime} at which the check
     * (or computation) that found it so began; guarded by the answers' lock.
     */
    private static final class Kept {

        private final Answer answer;
        private boolean known;
        private long currentAt;
        /** The revision of the query's scope that the check begun at {@link #currentAt} read first. */
        private String scopeRevision = WindowRevisions.NONE;

        Kept(Answer answer) {
            this.answer = answer;
        }
    }

    /**
     * The bodies of one kept window, each null until first asked for; guarded by the answers' lock. Each is written
     * while holding this object's own monitor (taken before the answers' lock, never after it), so that one request
     * writes it.
     */
    private static final class Bodies {

        private byte @Nullable [] json;
        private @Nullable SegmentedGzip gzip;
        /** The last gzip written of the query's versions before this one, until this one's is written. */
        private @Nullable SegmentedGzip before;

        Bodies(@Nullable SegmentedGzip before) {
            this.before = before;
        }

        @Nullable SegmentedGzip lastGzip() {
            return gzip != null ? gzip : before;
        }
    }
}
