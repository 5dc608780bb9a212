package dev.almanac.query.availability;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.TimeRange;
import dev.almanac.platform.input.Rfc3339;
import dev.almanac.query.web.QueryParameters;

/**
 * The rules every availability request shares, for calendars and resources alike: the range, the
 * ids of a batch check, the buffer, and the durations of free slots. Each reports what is wrong to
 * {@link QueryParameters}, so that a request hears of all its problems at once.
 */
final class AvailabilityRequests {

    /** SCH-033: a batch check names at most this many calendars or resources. */
    static final int MAX_BATCH = 50;
    /** The widest range any availability query takes. */
    static final int MAX_RANGE_DAYS = 31;
    /** SCH-032. */
    static final Duration DEFAULT_BUFFER = Duration.ofMinutes(15);
    /** SCH-034. */
    static final Duration DEFAULT_INCREMENT = Duration.ofMinutes(30);

    static final Durations.Bounds DURATION = new Durations.Bounds(Duration.ofMinutes(1), Duration.ofDays(7), false);
    static final Durations.Bounds INCREMENT = new Durations.Bounds(Duration.ofMinutes(5), Duration.ofDays(1), true);
    static final Durations.Bounds BUFFER = new Durations.Bounds(Duration.ZERO, Duration.ofDays(1), false);

    private AvailabilityRequests() {
    }

    /** A batch check's body as read: its distinct ids, the range asked and the buffer around it. */
    record Batch(List<String> ids, TimeRange asked, Duration buffer) {

        /** What must be clear: the range widened by the buffer on both sides (SCH-032). */
        TimeRange checked() {
            return widened(asked, buffer);
        }
    }

    /**
     * The ids, range and buffer of a batch check's body, each checked and reported to {@code parameters}; null when one
     * is invalid.
     *
     * @param field the body's field of ids, such as {@code calendar_ids}
     * @param noun  what each id names, such as {@code calendar}
     */
    static @Nullable Batch batch(QueryParameters parameters, String field, String noun, @Nullable List<@Nullable String> rawIds,
                                 @Nullable String from, @Nullable String till, @Nullable String buffer) {
        List<String> ids = ids(parameters, field, noun, rawIds);
        TimeRange range = bodyRange(parameters, from, till);
        Duration margin = bodyBuffer(parameters, buffer);
        return range == null || margin == null ? null : new Batch(ids, range, margin);
    }

    /** {@code [from, till)}: both RFC 3339, from before till, at most {@value #MAX_RANGE_DAYS} days apart. */
    static @Nullable TimeRange range(QueryParameters parameters, String fromField, String rawFrom, String tillField, String rawTill) {
        return parameters.range(fromField, rawFrom, tillField, rawTill, "range", MAX_RANGE_DAYS, "max_range_days");
    }

    /**
     * The range of a batch check's body: both ends required, and no space in them (a query string
     * turns an unencoded {@code +} into a space, which {@link QueryParameters} reads back; a body has
     * no such excuse).
     */
    static @Nullable TimeRange bodyRange(QueryParameters parameters, @Nullable String from, @Nullable String till) {
        boolean spaced = spaced(parameters, "from", from) | spaced(parameters, "till", till);
        TimeRange range = from == null || till == null || spaced ? null : range(parameters, "from", from, "till", till);
        if (from == null) {
            parameters.reject("from", "required", "from is required");
        }
        if (till == null) {
            parameters.reject("till", "required", "till is required");
        }
        return range;
    }

    /**
     * The distinct, well-formed ids of a batch, 1 to {@value #MAX_BATCH} of them, in the order given.
     *
     * @param field the body's field, such as {@code calendar_ids}
     * @param noun  what each id names, such as {@code calendar}
     */
    static List<String> ids(QueryParameters parameters, String field, String noun, @Nullable List<@Nullable String> raw) {
        if (raw == null) {
            parameters.reject(field, "required", field + " is required");
            return List.of();
        }
        if (raw.isEmpty()) {
            parameters.reject(field, "size", field + " must name at least one " + noun);
            return List.of();
        }
        if (raw.size() > MAX_BATCH) {
            parameters.reject(field, "max_batch", field + " names " + raw.size() + " " + noun + "s; a batch check takes at most "
                    + MAX_BATCH + " (SCH-033)");
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String element = field + "[" + i + "]";
            String id = raw.get(i);
            if (id == null) {
                parameters.reject(element, "required", element + " must be a " + noun + " id, not null");
            } else if (parameters.requiredIdentifier(element, id) != null && !ids.add(id)) {
                parameters.reject(element, "unique", element + " repeats the " + noun + " id '" + id + "'");
            }
        }
        return List.copyOf(ids);
    }

    /** The buffer of a batch check's body: SCH-032's 15 minutes when left out; a blank one is refused, not taken for absent. */
    static @Nullable Duration bodyBuffer(QueryParameters parameters, @Nullable String raw) {
        if (raw != null && raw.isBlank()) {
            parameters.reject("buffer", "pattern", "buffer must be " + Durations.SPELLING + ", or left out for the default 15m");
            return null;
        }
        return Durations.read(parameters, "buffer", raw, BUFFER, DEFAULT_BUFFER);
    }

    /** {@code range} widened by {@code buffer} on both sides: what must be clear for it to be free (SCH-032). */
    static TimeRange widened(TimeRange range, Duration buffer) {
        return new TimeRange(range.start().minus(buffer), range.end().plus(buffer));
    }

    private static boolean spaced(QueryParameters parameters, String field, @Nullable String raw) {
        if (raw != null && raw.indexOf(' ') >= 0) {
            parameters.reject(field, Rfc3339.RULE, field + " must be " + Rfc3339.DESCRIPTION + ", without spaces");
            return true;
        }
        return false;
    }
}
