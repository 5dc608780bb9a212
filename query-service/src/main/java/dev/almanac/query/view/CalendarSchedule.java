package dev.almanac.query.view;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** SCH-040/SCH-041/SCH-042's daily, weekly or monthly schedule of one calendar. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "CalendarSchedule", description = "A calendar's day, week or month: counts per day and type, conflict badges, entries")
public record CalendarSchedule(
        @Schema(example = "cal-ballroom") String calendarId,
        @Schema(allowableValues = {"day", "week", "month"}) ViewKind view,
        @Schema(type = "string", example = "America/New_York") ZoneId timezone,
        @Schema(description = "The first instant of the first day (UTC)") Instant from,
        @Schema(description = "The first instant after the last day (UTC)") Instant till,
        @Schema(description = "Entries that start in the period") long totalJobs,
        @Schema(description = "Set when the period overlaps more than 10,000 entries: the days' entries are then cut off, "
                + "their counts are not; read the rest from /calendars/{id}/entries") boolean truncated,
        @Schema(description = "Hours a day view shows by default (SCH-040): 06:00 to 23:00; absent for weeks and months")
        @Nullable DisplayHours displayHours,
        List<ScheduleDay> days) {

    public CalendarSchedule {
        days = List.copyOf(days);
    }

    @Schema(name = "CalendarScheduleDisplayHours")
    public record DisplayHours(@Schema(example = "06:00") String from, @Schema(example = "23:00") String till) {

        /** SCH-040. */
        public static final DisplayHours DAY_VIEW = new DisplayHours("06:00", "23:00");
    }
}
