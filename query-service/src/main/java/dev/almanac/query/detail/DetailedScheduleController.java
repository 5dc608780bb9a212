package dev.almanac.query.detail;

import static dev.almanac.platform.input.StrictInputModule.printable;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.config.CalendarSettings;
import dev.almanac.query.config.TimeFormat;
import dev.almanac.query.entry.EntryCursor;
import dev.almanac.query.web.QueryParameters;

@RestController
@Tag(name = "Detailed schedule", description = "Every job of one local day, with the rules behind them (F033-DETAIL, eventually consistent)")
public class DetailedScheduleController {

    private final DetailedDays days;
    private final Calendars calendars;
    private final CalendarSettings settings;
    private final CalendarReaders readers;

    public DetailedScheduleController(DetailedDays days, Calendars calendars, CalendarSettings settings, CalendarReaders readers) {
        this.days = days;
        this.calendars = calendars;
        this.settings = settings;
        this.readers = readers;
    }

    @GetMapping("/api/v1/schedules/detailed")
    @Operation(summary = "Get detailed schedule", description = """
            Every job (one-off item or rule occurrence) that starts on `date` in `timezone`: from the \
            local midnight that begins the day (or the first instant after a DST gap at midnight) to the one that \
            ends it, so a DST day holds 23 or 25 hours of jobs. Jobs come by start and then id; `scheduled_at` \
            carries the zone's offset, which tells the two runs of a repeated fall-back hour apart, and `local_time` \
            the wall-clock time in `time_format`. `total_jobs` counts the whole day and `recurring_rules` lists every \
            rule with an occurrence that day, whatever the page. A page holds at most `limit` jobs (default and \
            maximum 1000, F033-LIMIT-JOBS's max_jobs_per_request); when more follow, pass `next_cursor` as `cursor` with the \
            same date, timezone and queue. Cancelled items are not listed. \
            Calendars with grants on which the caller has no role are left out (ADR 0027): their jobs are neither \
            listed nor counted in `total_jobs`, a rule whose queue is such a calendar is not in `recurring_rules`, and \
            pages and cursors run over what the caller sees. Which calendars have grants is read at most once a second, \
            so a grant reaches this read up to a second after it reaches the reads of its calendar. A `queue` the caller \
            may not read is answered 403.""")
    @ApiResponse(responseCode = "200", description = "The day: jobs shaped as F033-DETAIL/F033-JOB's ScheduledJob, rules as its RecurringRule")
    @ProblemResponse(responseCode = "400", description = """
            A parameter is invalid; errors[].field names it and errors[].rule the rule: iso_date (not yyyy-mm-dd in \
            the years 0001 to 9999), iana_zone, one_of (time_format), format (queue not an id, cursor not one this \
            endpoint made), range (limit outside 1..1000), text, required.""")
    @ProblemResponse(responseCode = "404", description = "queue names no calendar, or one the caller has no role on: the same answer (ADR 0086); errors[].field is queue")
    public Mono<DetailedSchedule> detailed(
            @Parameter(description = "The local day, yyyy-mm-dd", example = "2025-09-14") @RequestParam("date") String date,
            @Parameter(description = "IANA zone the day is read in; default the almanac.calendar.default-timezone (UTC)",
                    example = "America/New_York")
            @RequestParam(name = "timezone", required = false) @Nullable String timezone,
            @Parameter(description = "Only jobs on this calendar (a rule's queue is its calendar)", example = "cal-ballroom")
            @RequestParam(name = "queue", required = false) @Nullable String queue,
            @Parameter(description = "Page size, 1 to 1000; default 1000", example = "100")
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @Parameter(description = "next_cursor of the previous page") @RequestParam(name = "cursor", required = false) @Nullable String cursor,
            @Parameter(description = "How local_time is written: 24h (09:00) or 12h (09:00 AM); default the configured time_format",
                    schema = @Schema(allowableValues = {"12h", "24h"}))
            @RequestParam(name = "time_format", required = false) @Nullable String timeFormat,
            ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        LocalDate day = parameters.date("date", date);
        ZoneId zone = parameters.zone("timezone", timezone, settings.zone());
        String calendarId = parameters.identifier("queue", queue);
        int pageSize = parameters.limit("limit", limit, QueryParameters.MAX_JOBS_PER_REQUEST);
        EntryCursor after = parameters.cursor(cursor, EntryCursor::decode);
        TimeFormat format = timeFormat(parameters, timeFormat);
        parameters.throwIfInvalid();
        LocalDate localDay = Objects.requireNonNull(day);
        if (calendarId == null) {
            return readers.visibility(exchange).zipWith(readers.disclosure(exchange))
                    .flatMap(seen -> days.day(new DetailedDays.Request(localDay, zone, null, after, pageSize, format, seen.getT1(),
                            seen.getT2())));
        }
        // One calendar, checked by its own key lookup as its other reads are: once the caller may read it, nothing is left out.
        return calendars.find(calendarId)
                .switchIfEmpty(Mono.error(() -> unknownQueue(calendarId)))
                .flatMap(calendar -> readers.requireViewer(exchange, calendarId, () -> unknownQueue(calendarId))
                        .then(Mono.defer(() -> readers.disclosure(exchange, List.of(calendarId)))))
                .flatMap(disclosure -> days.day(new DetailedDays.Request(localDay, zone, calendarId, after, pageSize, format,
                        CalendarVisibility.EVERY_CALENDAR, disclosure)));
    }

    private static ProblemException unknownQueue(String calendarId) {
        return ProblemException.notFound("queue", "queue '" + calendarId + "' names no calendar");
    }

    private TimeFormat timeFormat(QueryParameters parameters, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return settings.format();
        }
        return TimeFormat.ofWire(raw).orElseGet(() -> {
            parameters.reject("time_format", "one_of", "time_format must be 12h or 24h, got '" + printable(raw) + "'");
            return settings.format();
        });
    }
}
