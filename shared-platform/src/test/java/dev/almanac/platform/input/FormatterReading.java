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

/** How {@link Rfc3339} read a date-time before it read by position: a pattern for the shape, then java.time's strict formatter. */
final class FormatterReading {

    private static final Pattern SHAPE = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})");
    private static final DateTimeFormatter STRICT = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withResolverStyle(ResolverStyle.STRICT);

    private FormatterReading() {
    }

    static Optional<Instant> parse(String text) {
        if (text.length() > 35 || !SHAPE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            Instant instant = OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), STRICT).toInstant().truncatedTo(ChronoUnit.MILLIS);
            return instant.isBefore(Rfc3339.MIN) || instant.isAfter(Rfc3339.MAX) ? Optional.empty() : Optional.of(instant);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
