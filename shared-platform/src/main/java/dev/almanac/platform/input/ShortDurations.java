package dev.almanac.platform.input;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The API's short spelling of a duration, as F033-JOB's {@code estimated_duration} writes it:
 * {@code 90s}, {@code 30m}, {@code 1h30m}; hours, then minutes, then seconds, each at most six
 * digits and each optional, at least one present. Written once for every request that takes one
 * and every response that shows one, so that what an answer shows can be sent back.
 */
public final class ShortDurations {

    /** The whole grammar, for bean-validation {@code @Pattern}s. */
    public static final String PATTERN = "^(?=\\d)(\\d{1,6}h)?(\\d{1,6}m)?(\\d{1,6}s)?$";

    private static final Pattern PARTS = Pattern.compile("(?=\\d)(?:(\\d{1,6})h)?(?:(\\d{1,6})m)?(?:(\\d{1,6})s)?");

    private ShortDurations() {
    }

    /** The duration {@code text} spells, if it is in the short spelling. */
    public static Optional<Duration> parse(String text) {
        Matcher parts = PARTS.matcher(text);
        if (!parts.matches()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(amount(parts.group(1)) * 3600 + amount(parts.group(2)) * 60 + amount(parts.group(3))));
    }

    /** {@code 1h30m}, {@code 1m30s}, {@code 24h}; a zero duration is {@code 0s}. Sub-second parts are dropped. */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 != 0 || text.isEmpty()) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }

    private static long amount(@Nullable String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
