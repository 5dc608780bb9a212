package dev.almanac.platform.input;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Instants as requests must give them: an RFC 3339 date-time with an offset
 * ({@code 2026-12-01T15:00:00Z}, {@code 2026-12-01T10:00:00.250-05:00}), seconds included, a
 * four-digit year from 0001 to 9999, and nothing else: no epoch numbers, no {@code 24:00}, no
 * leap second {@code :60}, no trailing characters. Every component can store that range:
 * MongoDB dates, PostgreSQL timestamps and JavaScript's {@code Date}. Up to nine fractional
 * digits are read, and the instant is kept to the millisecond, the precision MongoDB and
 * JavaScript store, so that every read model gives back the instant the command stored.
 */
public final class Rfc3339 {

    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");
    public static final String RULE = "rfc3339";
    public static final String DESCRIPTION = "an RFC 3339 date-time with an offset and seconds, in the years 0001 to 9999,"
            + " for example 2026-12-01T15:00:00Z";

    private static final Pattern SHAPE = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})");
    private static final DateTimeFormatter STRICT = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withResolverStyle(ResolverStyle.STRICT);

    private Rfc3339() {
    }

    /** The instant, or empty when {@code text} is not one by the rules above. */
    public static Optional<Instant> parse(String text) {
        if (text.length() > 35 || !SHAPE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            Instant instant = OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), STRICT).toInstant().truncatedTo(ChronoUnit.MILLIS);
            return instant.isBefore(MIN) || instant.isAfter(MAX) ? Optional.empty() : Optional.of(instant);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
