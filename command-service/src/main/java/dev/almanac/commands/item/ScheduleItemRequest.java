package dev.almanac.commands.item;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.web.PathIds;
import dev.almanac.commands.web.Zones;
import dev.almanac.events.Identifiers;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.Priority;

/** {@code POST /api/v1/schedules}: a one-off item on a calendar for {@code [start, end)}. */
record ScheduleItemRequest(
        @Nullable @Pattern(regexp = Identifiers.PATTERN, message = "must be 1-128 letters, digits or . _ : - and start with a letter or digit")
        @Pattern(regexp = "(?!(window|detailed|rules|bulk-reschedule)$).*",
                message = "is reserved: /api/v1/schedules/{id} would name an endpoint of the API rather than this item") String id,
        @NotBlank String calendarId,
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 64) String type,
        @NotNull Instant start,
        @NotNull Instant end,
        @NotBlank String timezone,
        @Nullable Priority priority,
        @Nullable @Size(max = 20) List<@NotBlank @Size(max = 64) String> tags) {

    ScheduleItem toCommand(Supplier<ItemId> newId) {
        return new ScheduleItem(id == null ? newId.get() : ItemId.of(id),
                PathIds.parse("calendar_id", calendarId, CalendarId::of), title.strip(), type.strip(), start, end,
                Zones.parse("timezone", timezone), priority == null ? Priority.NORMAL : priority,
                tags == null ? List.of() : tags.stream().map(String::strip).distinct().toList());
    }
}
