package dev.almanac.query.config;

import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.almanac.events.IanaZones;

/**
 * The display defaults that {@code GET /api/v1/calendar/config} hands to frontends
 * ({@code almanac.calendar.*}). Checked at start-up, so a typo in a zone or a colour stops the
 * service instead of reaching every browser.
 *
 * @param defaultTimezone zone a frontend shows when the user has chosen none
 * @param defaultView     month, week or day
 * @param weekStart       monday (SCH-041) or sunday
 * @param timeFormat      24h or 12h; also how the detailed day writes {@code local_time} unless asked otherwise
 * @param densityColors   #rrggbb per density level: low, medium, high, critical
 * @param densityThresholds the density_score from which medium, high and critical apply
 */
@ConfigurationProperties("almanac.calendar")
public record CalendarSettings(
        @DefaultValue("UTC") String defaultTimezone,
        @DefaultValue("month") String defaultView,
        @DefaultValue("monday") String weekStart,
        @DefaultValue("24h") String timeFormat,
        @DefaultValue CalendarConfiguration.DensityColors densityColors,
        @DefaultValue CalendarConfiguration.DensityThresholds densityThresholds) {

    public CalendarSettings {
        if (!IanaZones.isKnown(defaultTimezone)) {
            throw new IllegalArgumentException("almanac.calendar.default-timezone must be an IANA zone, was " + defaultTimezone);
        }
        requireOneOf("default-view", defaultView, "month", "week", "day");
        requireOneOf("week-start", weekStart, "monday", "sunday");
        if (TimeFormat.ofWire(timeFormat).isEmpty()) {
            throw new IllegalArgumentException("almanac.calendar.time-format must be 12h or 24h, was " + timeFormat);
        }
    }

    public ZoneId zone() {
        return ZoneId.of(defaultTimezone);
    }

    public TimeFormat format() {
        return TimeFormat.ofWire(timeFormat).orElseThrow();
    }

    private static void requireOneOf(String property, String value, String... allowed) {
        if (!List.of(allowed).contains(value)) {
            throw new IllegalArgumentException("almanac.calendar." + property + " must be one of " + String.join(", ", allowed) + ", was " + value);
        }
    }
}
