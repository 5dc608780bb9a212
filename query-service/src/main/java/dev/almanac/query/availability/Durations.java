package dev.almanac.query.availability;

import static dev.almanac.platform.input.StrictInputModule.printable;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.platform.input.ShortDurations;
import dev.almanac.platform.input.TextRules;
import dev.almanac.query.web.QueryParameters;

/**
 * The durations of availability requests, in either spelling: the API's short one, as
 * {@code estimated_duration} takes it ({@code 90s}, {@code 30m}, {@code 1h30m}: at most six digits
 * per unit, hours then minutes then seconds), or ISO-8601 ({@code PT30M}, {@code P1DT2H}) in whole
 * seconds. Bounds are checked by the caller's {@link Bounds}.
 */
public final class Durations {

    static final String SPELLING = "a duration like 30m, 1h30m, 90s or ISO-8601 PT30M";

    /** The range a field takes, inclusive, and whether it must divide a day. */
    public record Bounds(Duration min, Duration max, boolean dividesDay) {
    }

    private Durations() {
    }

    /** The duration {@code raw} spells, if it spells one (not checked against any bound). */
    public static Optional<Duration> parse(String raw) {
        Optional<Duration> shortSpelling = ShortDurations.parse(raw);
        if (shortSpelling.isPresent()) {
            return shortSpelling;
        }
        if (raw.length() > 64 || raw.isEmpty() || !(raw.charAt(0) == 'P' || raw.charAt(0) == 'p')) {
            return Optional.empty();
        }
        try {
            Duration duration = Duration.parse(raw);
            return duration.getNano() == 0 ? Optional.of(duration) : Optional.empty();
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code raw} as a duration within {@code bounds}, or {@code fallback} when absent or blank. A
     * violation is added to {@code parameters} (rule {@code text}, {@code pattern}, {@code range}
     * or {@code divides_day}) and null returned when it is not one.
     */
    public static @Nullable Duration read(QueryParameters parameters, String field, @Nullable String raw, Bounds bounds,
                                          @Nullable Duration fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        Optional<String> text = TextRules.problem(raw);
        if (text.isPresent()) {
            parameters.reject(field, TextRules.RULE, field + " " + text.get());
            return null;
        }
        Optional<Duration> parsed = parse(raw);
        if (parsed.isEmpty()) {
            parameters.reject(field, "pattern", field + " must be " + SPELLING + ", got '" + printable(raw) + "'");
            return null;
        }
        Duration duration = parsed.get();
        if (duration.compareTo(bounds.min()) < 0 || duration.compareTo(bounds.max()) > 0) {
            parameters.reject(field, "range", field + " must be from " + spoken(bounds.min()) + " to " + spoken(bounds.max())
                    + ", got " + spoken(duration));
            return null;
        }
        if (bounds.dividesDay() && SlotGrid.DAY.toSeconds() % duration.toSeconds() != 0) {
            parameters.reject(field, "divides_day", field + " must divide a day evenly (such as 15m, 30m, 1h, 2h), got "
                    + spoken(duration));
            return null;
        }
        return duration;
    }

    /** A duration as the short spelling: {@code 1h30m}, {@code 0s}. */
    public static String spoken(Duration duration) {
        return ShortDurations.format(duration);
    }
}
