package dev.almanac.query.web;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Identifiers;
import dev.almanac.events.TimeRange;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.Violation;

/**
 * Reads the query parameters of one request and collects every violation, so that a request
 * with three bad parameters hears about all three in one problem response.
 */
public final class QueryParameters {

    /** Seed 000's {@code limits.max_window_days}: the widest window any query accepts. */
    public static final int MAX_WINDOW_DAYS = 365;

    private final List<Violation> violations = new ArrayList<>();

    /**
     * An ISO-8601 instant with an offset ({@code Z} or {@code ±hh:mm}). A space where the
     * offset's sign belongs is read as {@code +}, because an unencoded {@code +} in a query
     * string arrives as a space.
     */
    public @Nullable Instant instant(String field, String raw) {
        String value = raw.trim().replace(' ', '+');
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            reject(field, "format", field + " must be an ISO-8601 instant with an offset, for example "
                    + "2026-12-01T15:00:00Z or 2026-12-01T10:00:00-05:00, got '" + raw + "'");
            return null;
        }
    }

    /**
     * A half-open window {@code [from, till)}: both instants valid, {@code from} before
     * {@code till}, at most {@link #MAX_WINDOW_DAYS} days apart.
     */
    public @Nullable TimeRange window(String rawFrom, String rawTill) {
        Instant from = instant("from", rawFrom);
        Instant till = instant("till", rawTill);
        if (from == null || till == null) {
            return null;
        }
        if (!from.isBefore(till)) {
            reject("till", "after_from", "till (" + till + ") must be after from (" + from + ")");
            return null;
        }
        if (Duration.between(from, till).compareTo(Duration.ofDays(MAX_WINDOW_DAYS)) > 0) {
            reject("till", "max_window_days", "the window from " + from + " till " + till
                    + " is longer than " + MAX_WINDOW_DAYS + " days");
            return null;
        }
        return new TimeRange(from, till);
    }

    /** An IANA zone name such as {@code America/New_York}; {@code fallback} when absent. */
    public ZoneId zone(String field, @Nullable String raw, ZoneId fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        if (!ZoneId.getAvailableZoneIds().contains(raw)) {
            reject(field, "iana_zone", field + " must be an IANA time zone such as America/New_York or UTC, got '" + raw + "'");
            return fallback;
        }
        return ZoneId.of(raw);
    }

    /** One of an enum's lower-case wire names; {@code fallback} when absent or invalid. */
    public <E extends Enum<E>> E oneOf(String field, @Nullable String raw, Class<E> type, E fallback) {
        E value = optionalOneOf(field, raw, type);
        return value == null ? fallback : value;
    }

    /** One of an enum's lower-case wire names, or null when absent or invalid. */
    public <E extends Enum<E>> @Nullable E optionalOneOf(String field, @Nullable String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(raw)) {
                return constant;
            }
        }
        reject(field, "one_of", field + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")) + ", got '" + raw + "'");
        return null;
    }

    /** A page size from 1 to {@code max}; {@code max} when absent. */
    public int limit(String field, @Nullable Integer raw, int max) {
        if (raw == null) {
            return max;
        }
        if (raw < 1 || raw > max) {
            reject(field, "range", field + " must be between 1 and " + max + ", got " + raw);
            return max;
        }
        return raw;
    }

    /** An optional id filter; an id that no entity could have is reported rather than matching nothing. */
    public @Nullable String identifier(String field, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!Identifiers.VALID.matcher(raw).matches()) {
            reject(field, "format", field + " must match " + Identifiers.VALID.pattern() + ", got '" + raw + "'");
            return null;
        }
        return raw;
    }

    public void reject(String field, String rule, String message) {
        violations.add(new Violation(field, rule, message));
    }

    /** @throws ProblemException (400) listing every violation found so far */
    public void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }
}
