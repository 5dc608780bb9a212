package dev.almanac.query.view;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.calendar.CalendarView;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.config.CalendarSettings;
import dev.almanac.query.web.QueryParameters;

@RestController
@Tag(name = "Calendar views", description = "A calendar's day, week or month (SCH-040/SCH-041/SCH-042, eventually consistent)")
public class CalendarScheduleController {

    private static final String DESCRIPTION = """
            The local days of the period in `timezone` (default: the calendar's zone), each from one local midnight to \
            the next, so a DST day is 23 or 25 hours long. Per day: `job_count`, `job_types` and \
            `estimated_duration` of the entries that start on it (exactly as the schedule window counts them), \
            `conflict_ids` of the active conflicts whose overlap starts on it (the day's badge), and every entry that \
            overlaps it, by start and then id, every rule occurrence, past or future, included. Each entry \
            carries `run_state` (OPS-STATUS's overlay): its latest run's status (running, succeeded, failed, missed) with \
            the run under `run`; else paused or disabled while its rule holds it back; else scheduled. The occurrences a \
            paused or disabled rule holds back are listed so that the calendar shows what the rule would run, and are \
            not counted. A period overlapping more than 10,000 entries sets `truncated` and cuts the entries off, never \
            the counts. Each day also carries the heatmap's `density_score`, exactly as /schedules/window answers it for \
            this calendar (`queue`) over the same days with granularity=day, and `density_level`, that score placed by \
            /calendar/config's `view_settings.density_thresholds` (absent on a day without entries), so that a heatmap needs \
            no second read. With `entries=false` the days carry no `entries`, and no entry is read: the counts, badges and \
            density are those of the full view, and `truncated` is false. `date` defaults to today in the zone.""";

    private final Calendars calendars;
    private final CalendarSchedules schedules;
    private final CalendarSettings settings;
    private final CalendarReaders readers;
    private final Clock clock = Clock.systemUTC();

    public CalendarScheduleController(Calendars calendars, CalendarSchedules schedules, CalendarSettings settings, CalendarReaders readers) {
        this.readers = readers;
        this.calendars = calendars;
        this.schedules = schedules;
        this.settings = settings;
    }

    @GetMapping("/api/v1/calendars/{id}/daily")
    @Operation(summary = "Daily schedule of a calendar", description = DESCRIPTION + " A day view also names the hours shown by default, 06:00 to 23:00 (SCH-040).")
    @ApiResponse(responseCode = "200", description = "The day")
    @ProblemResponse(responseCode = "400", description = "A parameter is invalid; errors[].field names it (iso_date, iana_zone, one_of, format)")
    @ProblemResponse(responseCode = "404", description = "No calendar has this id")
    public Mono<CalendarSchedule> daily(
            @Parameter(description = "Calendar id", example = "cal-ballroom") @PathVariable String id,
            @Parameter(description = "The day, yyyy-mm-dd", example = "2026-12-01") @RequestParam(name = "date", required = false) @Nullable String date,
            @Parameter(description = "IANA zone of the view's days", example = "America/New_York")
            @RequestParam(name = "timezone", required = false) @Nullable String timezone,
            @Parameter(description = "false: each day without its entries, for a view that shows only counts; default true",
                    schema = @Schema(allowableValues = {"true", "false"}, defaultValue = "true"))
            @RequestParam(name = "entries", required = false) @Nullable String entries, ServerWebExchange exchange) {
        return view(id, ViewKind.DAY, date, timezone, null, entries, exchange);
    }

    @GetMapping("/api/v1/calendars/{id}/weekly")
    @Operation(summary = "Weekly schedule of a calendar", description = DESCRIPTION
            + " The week is the seven days from the `week_start` on or before `date` (default monday, SCH-041).")
    @ApiResponse(responseCode = "200", description = "The week")
    @ProblemResponse(responseCode = "400", description = "A parameter is invalid; errors[].field names it (iso_date, iana_zone, one_of, format)")
    @ProblemResponse(responseCode = "404", description = "No calendar has this id")
    public Mono<CalendarSchedule> weekly(
            @Parameter(description = "Calendar id", example = "cal-ballroom") @PathVariable String id,
            @Parameter(description = "Any day of the week, yyyy-mm-dd", example = "2026-12-01") @RequestParam(name = "date", required = false) @Nullable String date,
            @Parameter(description = "IANA zone of the view's days", example = "America/New_York")
            @RequestParam(name = "timezone", required = false) @Nullable String timezone,
            @Parameter(description = "First day of the week: monday or sunday; default the configured week_start",
                    schema = @Schema(allowableValues = {"monday", "sunday"}))
            @RequestParam(name = "week_start", required = false) @Nullable String weekStart,
            @Parameter(description = "false: each day without its entries, for a view that shows only counts; default true",
                    schema = @Schema(allowableValues = {"true", "false"}, defaultValue = "true"))
            @RequestParam(name = "entries", required = false) @Nullable String entries, ServerWebExchange exchange) {
        return view(id, ViewKind.WEEK, date, timezone, weekStart, entries, exchange);
    }

    @GetMapping("/api/v1/calendars/{id}/monthly")
    @Operation(summary = "Monthly schedule of a calendar", description = DESCRIPTION + " The month is the whole calendar month of `date` (SCH-042).")
    @ApiResponse(responseCode = "200", description = "The month")
    @ProblemResponse(responseCode = "400", description = "A parameter is invalid; errors[].field names it (iso_date, iana_zone, one_of, format)")
    @ProblemResponse(responseCode = "404", description = "No calendar has this id")
    public Mono<CalendarSchedule> monthly(
            @Parameter(description = "Calendar id", example = "cal-ballroom") @PathVariable String id,
            @Parameter(description = "Any day of the month, yyyy-mm-dd", example = "2026-12-01") @RequestParam(name = "date", required = false) @Nullable String date,
            @Parameter(description = "IANA zone of the view's days", example = "America/New_York")
            @RequestParam(name = "timezone", required = false) @Nullable String timezone,
            @Parameter(description = "false: each day without its entries, for a view that shows only counts; default true",
                    schema = @Schema(allowableValues = {"true", "false"}, defaultValue = "true"))
            @RequestParam(name = "entries", required = false) @Nullable String entries, ServerWebExchange exchange) {
        return view(id, ViewKind.MONTH, date, timezone, null, entries, exchange);
    }

    @GetMapping("/api/v1/calendars/{id}/view")
    @Operation(summary = "Calendar view of a calendar", description = DESCRIPTION
            + " `view` picks the period: day, week or month (default: the configured default_view), as /daily, /weekly and /monthly answer it.")
    @ApiResponse(responseCode = "200", description = "The period")
    @ProblemResponse(responseCode = "400", description = "A parameter is invalid; errors[].field names it (iso_date, iana_zone, one_of, format)")
    @ProblemResponse(responseCode = "404", description = "No calendar has this id")
    public Mono<CalendarSchedule> view(
            @Parameter(description = "Calendar id", example = "cal-ballroom") @PathVariable String id,
            @Parameter(description = "day, week or month; default the configured default_view",
                    schema = @Schema(allowableValues = {"day", "week", "month"}))
            @RequestParam(name = "view", required = false) @Nullable String view,
            @Parameter(description = "A day of the period, yyyy-mm-dd", example = "2026-12-01") @RequestParam(name = "date", required = false) @Nullable String date,
            @Parameter(description = "IANA zone of the view's days", example = "America/New_York")
            @RequestParam(name = "timezone", required = false) @Nullable String timezone,
            @Parameter(description = "First day of a week view: monday or sunday; default the configured week_start",
                    schema = @Schema(allowableValues = {"monday", "sunday"}))
            @RequestParam(name = "week_start", required = false) @Nullable String weekStart,
            @Parameter(description = "false: each day without its entries, for a view that shows only counts; default true",
                    schema = @Schema(allowableValues = {"true", "false"}, defaultValue = "true"))
            @RequestParam(name = "entries", required = false) @Nullable String entries, ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        ViewKind kind = parameters.oneOf("view", view, ViewKind.class, ViewKind.valueOf(settings.defaultView().toUpperCase(Locale.ROOT)));
        return view(parameters, id, kind, date, timezone, weekStart, entries, exchange);
    }

    private Mono<CalendarSchedule> view(String id, ViewKind kind, @Nullable String date, @Nullable String timezone, @Nullable String weekStart,
                                        @Nullable String entries, ServerWebExchange exchange) {
        return view(new QueryParameters(), id, kind, date, timezone, weekStart, entries, exchange);
    }

    /** Every parameter's violation goes into {@code parameters}, so that one problem names them all. */
    private Mono<CalendarSchedule> view(QueryParameters parameters, String id, ViewKind kind, @Nullable String date,
                                        @Nullable String timezone, @Nullable String weekStart, @Nullable String entries,
                                        ServerWebExchange exchange) {
        parameters.requiredIdentifier("id", id);
        // Absent means today; present but empty is not a date.
        LocalDate day = date == null ? null : parameters.date("date", date);
        ZoneId zone = timezone == null || timezone.isEmpty() ? null : parameters.zone("timezone", timezone, ZoneId.of("UTC"));
        DayOfWeek firstDay = parameters.oneOf("week_start", weekStart, WeekStart.class, WeekStart.valueOf(settings.weekStart().toUpperCase(Locale.ROOT)))
                .day;
        boolean withEntries = parameters.oneOf("entries", entries, WithEntries.class, WithEntries.TRUE).listed;
        parameters.throwIfInvalid();
        return calendars.require(id)
                .zipWith(readers.disclosure(exchange, List.of(id)))
                .flatMap(read -> {
                    CalendarView calendar = read.getT1();
                    ZoneId viewZone = zone == null ? calendar.timezone() : zone;
                    LocalDate anchor = day == null ? LocalDate.now(clock.withZone(viewZone)) : day;
                    return schedules.schedule(calendar, ViewPeriod.of(kind, anchor, viewZone, firstDay), withEntries,
                            calendarId -> readers.allowed(exchange, calendarId), read.getT2());
                });
    }

    /** The {@code entries} parameter, as the other enumerated parameters are read: true or false, any case. */
    private enum WithEntries {
        TRUE(true), FALSE(false);

        private final boolean listed;

        WithEntries(boolean listed) {
            this.listed = listed;
        }
    }

    private enum WeekStart {
        MONDAY(DayOfWeek.MONDAY), SUNDAY(DayOfWeek.SUNDAY);

        private final DayOfWeek day;

        WeekStart(DayOfWeek day) {
            this.day = day;
        }
    }
}
