package dev.almanac.query.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** F033-CONFIG's {@code CalendarConfiguration}. */
@Schema(name = "CalendarConfiguration", description = "Display defaults for calendar frontends and the limits the queries enforce")
public record CalendarConfiguration(
        @Schema(example = "UTC") String defaultTimezone,
        @Schema(description = "Every zone the timezone parameters accept: the IANA zones of this service's tzdata, sorted")
        List<String> supportedTimezones,
        ViewSettings viewSettings,
        Limits limits) {

    public CalendarConfiguration {
        supportedTimezones = List.copyOf(supportedTimezones);
    }

    @Schema(name = "CalendarViewSettings")
    public record ViewSettings(
            @Schema(allowableValues = {"month", "week", "day"}) String defaultView,
            @Schema(allowableValues = {"sunday", "monday"}) String weekStart,
            @Schema(allowableValues = {"12h", "24h"}) TimeFormat timeFormat,
            DensityColors densityColors,
            DensityThresholds densityThresholds) {
    }

    /**
     * Which level of {@link DensityColors} a bucket's {@code density_score} is (F033-DENSITY): a bucket with entries is
     * {@code low} below {@code medium}, and each higher level from its threshold on; a bucket without entries has none.
     * Also bound from {@code almanac.calendar.density-thresholds.*}, and checked, so every client colours alike.
     */
    @Schema(name = "CalendarDensityThresholds", description = "The density_score from which each level's colour applies; "
            + "a bucket with entries is low below medium")
    public record DensityThresholds(
            @Schema(example = "0.25") @DefaultValue("0.25") double medium,
            @Schema(example = "0.5") @DefaultValue("0.5") double high,
            @Schema(example = "0.75") @DefaultValue("0.75") double critical) {

        public DensityThresholds {
            if (!(0 < medium && medium < high && high < critical && critical <= 1)) {
                throw new IllegalArgumentException("almanac.calendar.density-thresholds must rise within (0, 1]: medium < high < critical, was "
                        + medium + ", " + high + ", " + critical);
            }
        }

        /**
         * The level of a bucket with {@code jobCount} entries and the window's {@code densityScore} for it; null for a
         * bucket without entries, which has no colour.
         */
        public @Nullable DensityLevel levelOf(long jobCount, double densityScore) {
            if (jobCount == 0) {
                return null;
            }
            if (densityScore >= critical) {
                return DensityLevel.CRITICAL;
            }
            if (densityScore >= high) {
                return DensityLevel.HIGH;
            }
            return densityScore >= medium ? DensityLevel.MEDIUM : DensityLevel.LOW;
        }
    }

    /** Also bound from {@code almanac.calendar.density-colors.*}, hence the defaults, and checked, so no bad colour reaches a browser. */
    @Schema(name = "CalendarDensityColors", description = "#rrggbb per density level")
    public record DensityColors(
            @DefaultValue("#e8f5e8") String low,
            @DefaultValue("#a5d6a7") String medium,
            @DefaultValue("#66bb6a") String high,
            @DefaultValue("#ef5350") String critical) {

        private static final Pattern COLOUR = Pattern.compile("^#[0-9a-fA-F]{6}$");

        public DensityColors {
            Map.of("low", low, "medium", medium, "high", high, "critical", critical).forEach((level, colour) -> {
                if (!COLOUR.matcher(colour).matches()) {
                    throw new IllegalArgumentException("almanac.calendar.density-colors." + level + " must be #rrggbb, was " + colour);
                }
            });
        }
    }

    /** The limits as the queries, and for rules command-service, enforce them. */
    @Schema(name = "CalendarLimits")
    public record Limits(
            @Schema(description = "The longest window any query accepts, in days", example = "365") int maxWindowDays,
            @Schema(description = "The largest page any list answers", example = "1000") int maxJobsPerRequest,
            @Schema(description = "How many rules one user may own (command-service answers 409 max_rules_per_user past it)",
                    example = "50") int maxRulesPerUser) {
    }
}
