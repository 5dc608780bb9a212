package dev.almanac.query.config;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a wall-clock time is written for people: F033-CONFIG's {@code view_settings.time_format}. */
public enum TimeFormat {
    TWELVE_HOUR("12h", DateTimeFormatter.ofPattern("hh:mm a", Locale.ROOT)),
    TWENTY_FOUR_HOUR("24h", DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT));

    private final String wire;
    private final DateTimeFormatter formatter;

    TimeFormat(String wire, DateTimeFormatter formatter) {
        this.wire = wire;
        this.formatter = formatter;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** {@code 09:00 AM} or {@code 09:00}; the offset that tells a repeated fall-back hour apart is the caller's to show. */
    public String format(OffsetDateTime time) {
        return formatter.format(time);
    }

    public static Optional<TimeFormat> ofWire(String wire) {
        return Arrays.stream(values()).filter(format -> format.wire.equals(wire)).findFirst();
    }
}
