package dev.almanac.query.view;

import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.access.EntryDisclosure;
import dev.almanac.query.calendar.CalendarView;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.EntryCursor;
import dev.almanac.query.entry.EntryView;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.web.QueryParameters;

@RestController
@Tag(name = "Calendar entries", description = "Items and rule occurrences on a calendar (eventually consistent)")
public class CalendarEntriesController {

    static final int MAX_LIMIT = QueryParameters.MAX_JOBS_PER_REQUEST;

    private final Calendars calendars;
    private final CalendarReaders readers;
    private final CalendarDays days;
    private final RuleTimelines ruleTimelines;

    public CalendarEntriesController(Calendars calendars, CalendarReaders readers, CalendarDays days, RuleTimelines ruleTimelines) {
        this.calendars = calendars;
        this.readers = readers;
        this.days = days;
        this.ruleTimelines = ruleTimelines;
    }

    @GetMapping("/api/v1/calendars/{id}/entries")
    @Operation(summary = "Entries of a calendar in a window",
            description = """
                    The calendar's one-off items and rule occurrences (past or future) that overlap the half-open window \
                    [from, till), ordered by start and then id. from and till are RFC 3339 date-times with an offset in \
                    the years 0001 to 9999, from before till, at most 365 days apart. Pages hold at most `limit` entries (default and maximum \
                    1000); when more follow, `next_cursor` is set: repeat the request with `cursor=<next_cursor>` and \
                    the same from and till. Each entry's `local_start` is its start on the calendar's wall clock. A private entry is a busy \
                    block (`busy`: private) to all but its owner, the calendar's managers and the admins, and every entry is \
                    one (`busy`: busy) to a freebusy grantee (ADR 0096).""")
    @ApiResponse(responseCode = "200", description = "One page of entries")
    @ProblemResponse(responseCode = "400", description = "A parameter is missing or invalid; errors[].field names it")
    @ProblemResponse(responseCode = "404", description = "No calendar has this id")
    public Mono<CalendarEntries> entries(
            @Parameter(description = "Calendar id", example = "cal-ballroom") @PathVariable String id,
            @Parameter(description = "Window start, inclusive", example = "2026-12-01T00:00:00Z") @RequestParam("from") String from,
            @Parameter(description = "Window end, exclusive", example = "2026-12-08T00:00:00Z") @RequestParam("till") String till,
            @Parameter(description = "Page size, 1 to 1000", example = "100") @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @Parameter(description = "next_cursor of the previous page") @RequestParam(name = "cursor", required = false) @Nullable String cursor,
            ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        TimeRange window = parameters.window(from, till);
        int pageSize = parameters.limit("limit", limit, MAX_LIMIT);
        EntryCursor after = parameters.cursor(cursor, EntryCursor::decode);
        parameters.throwIfInvalid();
        TimeRange range = Objects.requireNonNull(window);
        // One more than a page from each source, after the cursor: the stored entries (items, backfill and catch-up runs) and
        // the rule occurrences computed from the rules' timelines (ADR 0068); merged, their first page is the page.
        return calendars.require(id).zipWith(readers.disclosure(exchange, List.of(id)))
                .flatMap(found -> Mono.zip(days.overlapping(id, range, after, pageSize + 1), ruleTimelines.snapshot())
                        .map(read -> page(found.getT1(), range, EntryCopy.mergedById(read.getT1(), read.getT2().copiesOverlapping(range.start(),
                                range.end(), id, after == null ? null : after.start(), after == null ? null : after.id(), pageSize + 1)),
                                pageSize, found.getT2())));
    }

    /** One more than a page was read, to tell whether another page follows. */
    private static CalendarEntries page(CalendarView calendar, TimeRange window, List<EntryCopy> copies, int pageSize,
                                        EntryDisclosure disclosure) {
        List<EntryView> views = copies.stream().limit(pageSize)
                .map(copy -> disclosure.shown(copy, copy.view(calendar.id(), calendar.timezone()))).toList();
        String nextCursor = copies.size() > pageSize
                ? new EntryCursor(views.get(views.size() - 1).start(), views.get(views.size() - 1).id()).encode()
                : null;
        return new CalendarEntries(calendar.id(), calendar.timezone(), window.start(), window.end(), views, nextCursor);
    }
}
