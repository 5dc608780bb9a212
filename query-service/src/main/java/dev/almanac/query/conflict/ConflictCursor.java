package dev.almanac.query.conflict;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.platform.input.Rfc3339;
import dev.almanac.platform.input.TextRules;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.web.OpaqueCursors;

/**
 * Where the next page of a conflict list starts: after the conflict with this start (none for a
 * conflict without one, which sorts first) and id, in the lists' order, or, with no id, at that
 * start ({@link #fromStartOf}). Opaque to clients, who
 * pass {@code next_cursor} back as {@code cursor}; it starts with its kind ({@code conflicts|}), so
 * another endpoint's cursor is refused.
 */
public record ConflictCursor(@Nullable Instant start, String id) {

    private static final char SEPARATOR = '|';
    private static final String NO_START = "-";
    private static final String KIND = "conflicts" + SEPARATOR;
    /** No conflict's id: a cursor with it and a start comes before every conflict from that start on. */
    private static final String FROM_START = "";

    public static ConflictCursor after(ConflictView conflict) {
        return new ConflictCursor(conflict.start(), conflict.id());
    }

    /**
     * Every conflict whose overlap starts on the UTC day {@code bucket} or later: where a list that read on past what
     * its caller may not see stopped. It names no conflict, so it tells nothing of those left out but the day.
     */
    static ConflictCursor fromStartOf(String bucket) {
        return new ConflictCursor(LocalDate.parse(bucket).atStartOfDay(ZoneOffset.UTC).toInstant(), FROM_START);
    }

    public String encode() {
        return OpaqueCursors.opaque(KIND + (start == null ? NO_START : start.toString()) + SEPARATOR + id);
    }

    /** The cursor, or empty if {@code token} was not made by {@link #encode()}; every part is checked as a request field is. */
    public static Optional<ConflictCursor> decode(String token) {
        return OpaqueCursors.text(token).filter(text -> text.startsWith(KIND)).flatMap(text -> {
            String plain = text.substring(KIND.length());
            int separator = plain.indexOf(SEPARATOR);
            if (separator <= 0) {
                return Optional.empty();
            }
            String id = plain.substring(separator + 1);
            String start = plain.substring(0, separator);
            if (id.equals(FROM_START)) {
                return start.equals(NO_START) ? Optional.empty()
                        : Rfc3339.parse(start).map(instant -> new ConflictCursor(instant, FROM_START));
            }
            if (TextRules.problem(id).isPresent()) {
                return Optional.empty();
            }
            if (start.equals(NO_START)) {
                return Optional.of(new ConflictCursor(null, id));
            }
            return Rfc3339.parse(start).map(instant -> new ConflictCursor(instant, id));
        });
    }

    /** The bucket of {@code conflict_days} this cursor's conflict sits in: a page after it starts there. */
    String bucket() {
        return start == null ? ConflictDay.UNDATED : UtcSlots.dayOf(start).toString();
    }

    /** Whether {@code conflict} comes after this cursor in the lists' order: by start, a missing one first, then by id. */
    boolean precedes(ConflictView conflict) {
        Instant other = conflict.start();
        int byStart = start == null ? (other == null ? 0 : -1) : other == null ? 1 : start.compareTo(other);
        return byStart < 0 || byStart == 0 && id.compareTo(conflict.id()) < 0;
    }
}
