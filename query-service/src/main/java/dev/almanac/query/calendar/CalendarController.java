package dev.almanac.query.calendar;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.web.QueryParameters;
import dev.almanac.query.web.VersionEtags;

@RestController
@RequestMapping("/api/v1/calendars")
@Tag(name = "Calendars", description = "Calendars as projected from almanac.calendars.v1 (eventually consistent)")
public class CalendarController {

    private final Calendars calendars;
    private final CalendarReaders readers;

    public CalendarController(Calendars calendars, CalendarReaders readers) {
        this.calendars = calendars;
        this.readers = readers;
    }

    /** A page of the calendar list, and where the next one starts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CalendarList(
            List<CalendarRead> calendars,
            @Schema(description = "Set when more calendars follow: pass it as cursor") @Nullable String nextCursor) {
    }

    @GetMapping
    @Operation(summary = "List calendars", description = """
            Calendars ordered by name and then id, at most `limit` a page (default and maximum 1000, F033-LIMIT-JOBS's \
            max_jobs_per_request); when more follow, pass `next_cursor` as `cursor`. Calendars with grants on which the \
            caller has no role are left out, as their own read answers them 403 (ADR 0027); pages and cursors run over \
            what the caller sees. Which calendars have grants is read at most once a second, so a grant reaches this list \
            up to a second after it reaches the read of its calendar. Each calendar carries caller_role, the caller's role on it.""")
    @ApiResponse(responseCode = "200", description = "A page of calendars")
    @ProblemResponse(responseCode = "400", description = "limit outside 1..1000 (range) or a cursor this endpoint did not make (format)")
    public Mono<CalendarList> list(
            @Parameter(description = "At most this many, 1 to 1000") @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @Parameter(description = "next_cursor of the previous page") @RequestParam(name = "cursor", required = false) @Nullable String cursor,
            ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        int size = parameters.limit("limit", limit, QueryParameters.MAX_JOBS_PER_REQUEST);
        CalendarCursor after = parameters.cursor(cursor, CalendarCursor::decode);
        parameters.throwIfInvalid();
        // Ordered here as the cursor compares, whatever order the store's string collation gives; hidden calendars are left out
        // before the page is cut, so that a page is full and its cursor is a calendar the caller sees.
        return readers.visibility(exchange).zipWith(readers.roles(exchange)).flatMap(seen -> calendars.all(seen.getT1().tenant())
                .filter(calendar -> seen.getT1().shows(calendar.id()))
                .filter(calendar -> after == null || after.precedes(calendar))
                .collectSortedList(CalendarCursor.ORDER)
                .map(sorted -> sorted.size() > size + 1 ? sorted.subList(0, size + 1) : sorted)
                .map(read -> {
                    List<CalendarRead> page = read.subList(0, Math.min(size, read.size())).stream()
                            .map(calendar -> new CalendarRead(calendar, seen.getT2().on(calendar.id(), calendar.owner()).orElse(null)))
                            .toList();
                    return read.size() > size
                            ? new CalendarList(page, CalendarCursor.after(read.get(size - 1)).encode())
                            : new CalendarList(page, null);
                }));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a calendar", description = "The ETag header carries the calendar's aggregate version; caller_role the "
            + "caller's role on it.")
    @ApiResponse(responseCode = "200", description = "The calendar")
    @ProblemResponse(responseCode = "400", description = "The id cannot be a calendar's; errors[].field is id")
    @ProblemResponse(responseCode = "404", description = "No calendar has this id")
    public Mono<ResponseEntity<CalendarRead>> find(@Parameter(description = "Calendar id", example = "cal-ballroom")
                                                   @PathVariable String id, ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        parameters.throwIfInvalid();
        return calendars.require(id).flatMap(calendar -> readers.role(exchange, calendar.id(), calendar.owner())
                .map(role -> ResponseEntity.ok().eTag(VersionEtags.of(calendar.version())).body(new CalendarRead(calendar, role.orElse(null)))));
    }
}
