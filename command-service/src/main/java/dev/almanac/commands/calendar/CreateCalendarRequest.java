package dev.almanac.commands.calendar;

import java.time.Duration;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.web.Zones;
import dev.almanac.events.Identifiers;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.platform.input.ShortDurations;
import dev.almanac.platform.problem.ProblemException;

/**
 * {@code POST /api/v1/calendars}, and the whole new definition of {@code PUT /api/v1/calendars/{id}}.
 * Without {@code overbooking_policy} a calendar blocks overbooking (SCH-020). Item durations
 * left out take the calendar type's defaults: 15 minutes to 30 days (SCH-002, SCH-003), a queue
 * from 1 second, and no default duration.
 */
record CreateCalendarRequest(
        @Nullable @Pattern(regexp = Identifiers.PATTERN, message = "must be 1-128 letters, digits or . _ : - and start with a letter or digit") String id,
        @NotBlank @Size(max = 200) String name,
        @Nullable @Size(max = 2000) String description,
        @NotNull CalendarType type,
        @NotBlank String timezone,
        @NotNull @Min(1) @Max(Calendar.MAX_CAPACITY) Integer capacity,
        @Nullable OverbookingPolicy overbookingPolicy,
        @Nullable @Valid Owner owner,
        @Schema(description = "Shortest item the calendar takes, as 90s, 30m or 1h30m", example = "15m")
        @Nullable @Pattern(regexp = ShortDurations.PATTERN, message = "must be a duration such as 90s, 30m or 1h30m") String minDuration,
        @Schema(description = "Longest item the calendar takes, at most 8784h (366 days)", example = "720h")
        @Nullable @Pattern(regexp = ShortDurations.PATTERN, message = "must be a duration such as 90s, 30m or 1h30m") String maxDuration,
        @Schema(description = "How long an item scheduled without an end or a duration lasts", example = "1h")
        @Nullable @Pattern(regexp = ShortDurations.PATTERN, message = "must be a duration such as 90s, 30m or 1h30m") String defaultDuration) {

    /** Who or what owns the calendar (SCH-CALENDAR). */
    record Owner(
            @NotNull @Pattern(regexp = Identifiers.PATTERN, message = "must be 1-128 letters, digits or . _ : - and start with a letter or digit") String id,
            @NotNull OwnerType type) {
    }

    CreateCalendar toCommand(Supplier<CalendarId> newId) {
        return new CreateCalendar(id == null ? newId.get() : CalendarId.of(id), definition());
    }

    /** The definition for {@code PUT /api/v1/calendars/{pathId}}; an id in the body must name the same calendar. */
    UpdateCalendar toUpdate(CalendarId pathId, @Nullable Long expectedVersion) {
        if (id != null && !id.equals(pathId.value())) {
            throw ProblemException.invalid("id", "matches_path",
                    "id in the body must be the calendar's id from the path, " + pathId + ", or be left out");
        }
        return new UpdateCalendar(pathId, definition(), expectedVersion);
    }

    private CalendarDefinition definition() {
        return new CalendarDefinition(name.strip(), description == null || description.isBlank() ? null : description.strip(),
                type, Zones.parse("timezone", timezone), capacity,
                overbookingPolicy == null ? OverbookingPolicy.BLOCK : overbookingPolicy,
                owner == null ? null : new CalendarOwner(owner.id(), owner.type()),
                durations());
    }

    private ItemDurations durations() {
        ItemDurations defaults = ItemDurations.defaultsFor(type);
        long minimum = seconds("min_duration", minDuration, defaults.minimumSeconds());
        long maximum = seconds("max_duration", maxDuration, defaults.maximumSeconds());
        Long fallback = defaultDuration == null ? null : seconds("default_duration", defaultDuration, 0);
        if (maximum > ItemDurations.LONGEST_SECONDS) {
            throw ProblemException.invalid("max_duration", "range", "max_duration must be at most "
                    + ShortDurations.format(Duration.ofSeconds(ItemDurations.LONGEST_SECONDS)) + " but was " + maxDuration);
        }
        if (minimum > maximum) {
            throw ProblemException.invalid("min_duration", "range", "min_duration ("
                    + ShortDurations.format(Duration.ofSeconds(minimum)) + ") must not be longer than max_duration ("
                    + ShortDurations.format(Duration.ofSeconds(maximum)) + ")");
        }
        if (fallback != null && (fallback < minimum || fallback > maximum)) {
            throw ProblemException.invalid("default_duration", "range", "default_duration must lie between min_duration ("
                    + ShortDurations.format(Duration.ofSeconds(minimum)) + ") and max_duration ("
                    + ShortDurations.format(Duration.ofSeconds(maximum)) + ") but was " + defaultDuration);
        }
        return new ItemDurations(minimum, maximum, fallback);
    }

    private static long seconds(String field, @Nullable String text, long absent) {
        if (text == null) {
            return absent;
        }
        // The @Pattern has already refused any other spelling.
        long seconds = ShortDurations.parse(text).orElse(Duration.ZERO).toSeconds();
        if (seconds < ItemDurations.SHORTEST_SECONDS) {
            throw ProblemException.invalid(field, "range", field + " must be at least 1s but was " + text);
        }
        return seconds;
    }
}
