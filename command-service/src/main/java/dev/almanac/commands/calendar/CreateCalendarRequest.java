package dev.almanac.commands.calendar;

import java.util.function.Supplier;

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
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;

/**
 * {@code POST /api/v1/calendars}. Without {@code overbooking_policy} a calendar blocks
 * overbooking (SCH-020).
 */
record CreateCalendarRequest(
        @Nullable @Pattern(regexp = Identifiers.PATTERN, message = "must be 1-128 letters, digits or . _ : - and start with a letter or digit") String id,
        @NotBlank @Size(max = 200) String name,
        @NotNull CalendarType type,
        @NotBlank String timezone,
        @NotNull @Min(1) @Max(Calendar.MAX_CAPACITY) Integer capacity,
        @Nullable OverbookingPolicy overbookingPolicy) {

    CreateCalendar toCommand(Supplier<CalendarId> newId) {
        return new CreateCalendar(id == null ? newId.get() : CalendarId.of(id), name.strip(), type,
                Zones.parse("timezone", timezone), capacity,
                overbookingPolicy == null ? OverbookingPolicy.BLOCK : overbookingPolicy);
    }
}
