package dev.almanac.query.schedulelist;

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

import dev.almanac.events.TimeRange;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.entry.EntryCursor;
import dev.almanac.query.web.QueryParameters;

@RestController
@Tag(name = "Schedules", description = "Seed 003's list of scheduled items across calendars (eventually consistent)")
public class ScheduleListController {

    static final int MAX_LIMIT = QueryParameters.MAX_JOBS_PER_REQUEST;
    static final int MAX_TEXT = 64;

    private final ScheduleListing listing;
    private final Calendars calendars;
    private final CalendarReaders readers;

    public ScheduleListController(ScheduleListing listing, Calendars calendars, CalendarReaders readers) {
        this.listing = listing;
        this.calendars = calendars;
        this.readers = readers;
    }

    @GetMapping("/api/v1/schedules")
    @Operation(summary = "List scheduled items",
            description = """
                    Seed 003's list of scheduled events: the one-off items and rule occurrences that start in the half-open \
                    range [from, till), of every calendar the caller may read (a calendar with grants only to those with a \
                    role on it, ADR 0060) or of calendar_id alone, ordered by start and then id. from and till are RFC 3339 \
                    date-times with an offset, from before till (400, rule after_from), at most 365 days apart (400, rule \
                    max_window_days). Rule occurrences are computed from the rules' timelines, so those beyond \
                    rule-expander's 90-day horizon are listed as the window and the detailed day show them (ADR 0068). \
                    Filters, each optional and all applied together: status (tentative, scheduled, confirmed, rescheduling; \
                    every occurrence is scheduled), type, priority (low, normal, high, critical; occurrences have none) and \
                    tag (one of the item's tags). Cancelled and deleted items are on no list. Pages hold at most `limit` \
                    entries (default and maximum 1000); when more follow, `next_cursor` is set: repeat the request with \
                    `cursor=<next_cursor>` and the same range and filters.""")
    @ApiResponse(responseCode = "200", description = "One page of entries")
    @ProblemResponse(responseCode = "400", description = "A parameter is missing or invalid; errors[].field names it")
    @ProblemResponse(responseCode = "404", description = "calendar_id names no calendar")
    public Mono<ScheduleList> list(
            @Parameter(description = "Range start, inclusive", example = "2026-12-01T00:00:00Z") @RequestParam("from") String from,
            @Parameter(description = "Range end, exclusive", example = "2026-12-08T00:00:00Z") @RequestParam("till") String till,
            @Parameter(description = "Only this calendar's entries", example = "cal-ballroom")
            @RequestParam(name = "calendar_id", required = false) @Nullable String calendarId,
            @Parameter(description = "tentative, scheduled, confirmed or rescheduling", example = "confirmed")
            @RequestParam(name = "status", required = false) @Nullable String status,
            @Parameter(description = "The entry's type", example = "meeting", schema = @Schema(maxLength = MAX_TEXT)) @RequestParam(name = "type", required = false) @Nullable String type,
            @Parameter(description = "low, normal, high or critical", example = "high")
            @RequestParam(name = "priority", required = false) @Nullable String priority,
            @Parameter(description = "One of the item's tags", example = "finance", schema = @Schema(maxLength = MAX_TEXT)) @RequestParam(name = "tag", required = false) @Nullable String tag,
            @Parameter(description = "Page size, 1 to 1000", example = "100") @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @Parameter(description = "next_cursor of the previous page") @RequestParam(name = "cursor", required = false) @Nullable String cursor,
            ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        TimeRange window = parameters.window(from, till);
        String calendar = parameters.identifier("calendar_id", calendarId);
        ScheduleFilter filter = new ScheduleFilter(parameters.optionalOneOf("status", status, ListedStatus.class),
                parameters.text("type", type, MAX_TEXT), parameters.optionalOneOf("priority", priority, Priority.class),
                parameters.text("tag", tag, MAX_TEXT));
        int pageSize = parameters.limit("limit", limit, MAX_LIMIT);
        EntryCursor after = parameters.cursor(cursor, EntryCursor::decode);
        parameters.throwIfInvalid();
        TimeRange range = Objects.requireNonNull(window);
        if (calendar == null) {
            return readers.visibility(exchange).zipWith(readers.disclosure(exchange))
                    .flatMap(seen -> listing.page(new ScheduleListing.Request(range, null, seen.getT1(), filter, after, pageSize,
                            seen.getT2())));
        }
        // One calendar, checked by its own key lookup as its other reads are: once the caller may read it, nothing is left out.
        return calendars.find(calendar)
                .switchIfEmpty(Mono.error(() -> unknownCalendar(calendar)))
                .flatMap(found -> readers.requireViewer(exchange, calendar, () -> unknownCalendar(calendar)))
                .then(Mono.defer(() -> readers.disclosure(exchange, List.of(calendar))))
                .flatMap(disclosure -> listing.page(new ScheduleListing.Request(range, calendar, CalendarVisibility.EVERY_CALENDAR, filter,
                        after, pageSize, disclosure)));
    }

    private static ProblemException unknownCalendar(String calendar) {
        return ProblemException.notFound("calendar_id", "calendar_id '" + calendar + "' names no calendar");
    }
}
