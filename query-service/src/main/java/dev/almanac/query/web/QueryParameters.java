package dev.almanac.query.web;

import static dev.almanac.platform.input.StrictInputModule.printable;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.IanaZones;
import dev.almanac.events.Identifiers;
import dev.almanac.events.TimeRange;
import dev.almanac.platform.input.Rfc3339;
import dev.almanac.platform.input.TextRules;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.Violation;

/**
 * Reads the query parameters of one request and collects every violation, so that a request
 * with three bad parameters hears about all three in one problem response.
 */
public final class QueryParameters {

    /** F033-LIMIT-WINDOW/F033-LIMIT-JOBS's {@code limits.max_window_days}: the widest window any query accepts. */
    public static final int MAX_WINDOW_DAYS = 365;

    /** F033-LIMIT-WINDOW/F033-LIMIT-JOBS's {@code limits.max_jobs_per_request}: the largest page any list answers. */
    public static final int MAX_JOBS_PER_REQUEST = 1000;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final List<Violation> violations = new ArrayList<>();

    /**
     * An instant as {@link Rfc3339} takes it: an RFC 3339 date-time with an offset, in the years
     * 0001 to 9999, and nothing around it (no trimming, so a trailing NUL is refused, not cut
     * off). A space is read as {@code +}, because an unencoded {@code +} in a query string
     * arrives as a space, and {@link Rfc3339} allows a {@code +} only as the offset's sign.
     */
    public @Nullable Instant instant(String field, String raw) {
        Optional<Instant> instant = Rfc3339.parse(raw.replace(' ', '+'));
        if (instant.isEmpty()) {
            reject(field, Rfc3339.RULE, field + " must be " + Rfc3339.DESCRIPTION + ", got '" + printable(raw) + "'");
            return null;
        }
        return instant.get();
    }

    /**
     * A half-open window {@code [from, till)}: both instants valid, {@code from} before
     * {@code till}, at most {@link #MAX_WINDOW_DAYS} days apart.
     */
    public @Nullable TimeRange window(String rawFrom, String rawTill) {
        return range("from", rawFrom, "till", rawTill, "window", MAX_WINDOW_DAYS, "max_window_days");
    }

    /**
     * A half-open range {@code [from, till)} read from two fields: both instants valid, from
     * before till ({@code after_from}), at most {@code maxDays} days apart ({@code maxRule}).
     *
     * @param noun what the range is called in the message, such as {@code window}
     */
    public @Nullable TimeRange range(String fromField, String rawFrom, String tillField, String rawTill, String noun, int maxDays,
                                     String maxRule) {
        Instant from = instant(fromField, rawFrom);
        Instant till = instant(tillField, rawTill);
        if (from == null || till == null) {
            return null;
        }
        if (!from.isBefore(till)) {
            reject(tillField, "after_from", tillField + " (" + till + ") must be after " + fromField + " (" + from + ")");
            return null;
        }
        if (Duration.between(from, till).compareTo(Duration.ofDays(maxDays)) > 0) {
            reject(tillField, maxRule, "the " + noun + " from " + from + " till " + till + " is longer than " + maxDays + " days");
            return null;
        }
        return new TimeRange(from, till);
    }

    /**
     * A calendar date written {@code yyyy-mm-dd}, in the years 0001 to 9999 like every instant
     * Almanac accepts.
     */
    public @Nullable LocalDate date(String field, String raw) {
        if (!isText(field, raw)) {
            return null;
        }
        if (DATE.matcher(raw).matches()) {
            try {
                LocalDate date = LocalDate.parse(raw);
                if (date.getYear() >= 1) {
                    return date;
                }
            } catch (DateTimeParseException notADay) {
                // 2026-02-30 matches the pattern but is no day; reported below.
            }
        }
        reject(field, "iso_date", field + " must be a date written yyyy-mm-dd in the years 0001 to 9999, got '" + printable(raw) + "'");
        return null;
    }

    /** An IANA zone name such as {@code America/New_York}; {@code fallback} when absent. */
    public ZoneId zone(String field, @Nullable String raw, ZoneId fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        if (!isText(field, raw)) {
            return fallback;
        }
        if (!IanaZones.isKnown(raw)) {
            reject(field, "iana_zone", field + " must be an IANA time zone such as America/New_York or UTC, got '" + printable(raw) + "'");
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
        if (raw == null || raw.isBlank() || !isText(field, raw)) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(raw)) {
                return constant;
            }
        }
        reject(field, "one_of", field + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")) + ", got '" + printable(raw) + "'");
        return null;
    }

    /** An optional {@code true} or {@code false}; false when absent, and when neither (rule {@code boolean}). */
    public boolean flag(String field, @Nullable String raw) {
        if (raw == null || raw.equals("false")) {
            return false;
        }
        if (!raw.equals("true")) {
            reject(field, "boolean", field + " must be true or false, got '" + printable(raw) + "'");
            return false;
        }
        return true;
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

    /** Optional free text, such as a type or tag filter: text that {@link TextRules} accepts, at most {@code maxLength} characters. */
    public @Nullable String text(String field, @Nullable String raw, int maxLength) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!isText(field, raw)) {
            return null;
        }
        if (raw.length() > maxLength) {
            reject(field, "size", field + " must be at most " + maxLength + " characters, got " + raw.length());
            return null;
        }
        return raw;
    }

    /** An optional id filter; an id that no entity could have is reported rather than matching nothing. */
    public @Nullable String identifier(String field, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return validIdentifier(field, raw);
    }

    /** An id that must be present, such as one from the path: the same checks as {@link #identifier}. */
    public @Nullable String requiredIdentifier(String field, String raw) {
        return validIdentifier(field, raw);
    }

    private @Nullable String validIdentifier(String field, String raw) {
        if (!isText(field, raw)) {
            return null;
        }
        if (!Identifiers.isValid(raw)) {
            reject(field, "format", field + " must match " + Identifiers.VALID.pattern() + ", got '" + printable(raw) + "'");
            return null;
        }
        return raw;
    }

    /**
     * Whether {@code raw} passes {@link TextRules}, reporting it under {@link TextRules#RULE} if
     * not. Checked before a parameter's own rule, so that NUL, controls and lone surrogates are
     * reported as what they are rather than as a bad zone or id.
     */
    private boolean isText(String field, String raw) {
        Optional<String> problem = TextRules.problem(raw);
        problem.ifPresent(reason -> reject(field, TextRules.RULE, field + " " + reason));
        return problem.isEmpty();
    }

    /**
     * The {@code cursor} query parameter: absent (null), or a cursor this endpoint made, as {@code decode} reads it;
     * anything else is reported.
     */
    public <C> @Nullable C cursor(@Nullable String raw, Function<String, Optional<C>> decode) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        C cursor = decode.apply(raw).orElse(null);
        if (cursor == null) {
            reject("cursor", "format", "cursor must be a next_cursor returned by this endpoint");
        }
        return cursor;
    }

    /**
     * Reports every query parameter not in {@code known} (rule {@code unknown}): for a read whose filters narrow what it
     * answers, a misspelt filter must not silently widen it. The consistency token every read takes is always known.
     */
    public void onlyKnown(Collection<String> given, Set<String> known) {
        for (String name : given) {
            if (!known.contains(name) && !name.equals("consistency_token")) {
                reject(printable(name), "unknown", "unknown parameter '" + printable(name) + "'; this endpoint takes "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
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
