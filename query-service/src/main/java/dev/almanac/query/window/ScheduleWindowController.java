package dev.almanac.query.window;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

import dev.almanac.events.TimeRange;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.web.QueryParameters;

@RestController
@Tag(name = "Schedule window", description = "Density buckets over all calendars (F033-WINDOW, eventually consistent)")
public class ScheduleWindowController {

    /** The zone of a window that names none; echoed as {@code UTC}. */
    static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

    /** Types and tags are at most this long on the command side. */
    private static final int MAX_FILTER_LENGTH = 64;

    private final ScheduleWindows windows;
    private final Calendars calendars;
    private final CalendarReaders readers;

    public ScheduleWindowController(ScheduleWindows windows, Calendars calendars, CalendarReaders readers) {
        this.windows = windows;
        this.calendars = calendars;
        this.readers = readers;
    }

    @GetMapping("/api/v1/schedules/window")
    @Operation(summary = "Get schedule window", description = """
            Counts entries (one-off items and rule occurrences) into buckets that are the local \
            periods of `timezone`: local hours, local days (a daylight-saving day has 23 or 25 hours) or ISO weeks \
            starting on Monday. Every period that overlaps [from, till) has a bucket, empty ones included, in order. \
            `timestamp` is the bucket's start in UTC, `local_time` the same instant with the zone's offset. An entry \
            counts once, in the bucket that contains its start, and only if from <= start < till. `queues` counts \
            per calendar id (a rule's queue is the calendar its occurrences land on), `job_types` per type, \
            `estimated_duration` sums durations in seconds, and `density_score` is job_count divided by the \
            window's peak job_count (0 for an empty window). `type`, `tag` and `priority` narrow the count to the entries \
            that match all of them; a filtered window is counted entry by entry, so it costs in proportion to the \
            entries in the window. `summary.avg_daily` is total_jobs divided by the \
            number of local days the window touches. An hour never spans an offset change: the repeated hour of a \
            fall-back is two buckets. A window without type, tag or priority carries a strong ETag of what it was counted \
            from; If-None-Match with it answers 304. Once computed, such a window is kept until a write changes it, and a \
            client whose Accept-Encoding allows gzip gets it gzipped (Content-Encoding: gzip, its ETag ending in -gzip). Without \
            consistency_token, a kept window may be served as it was up to almanac.query.window-recheck (20 ms) ago; with \
            it, the window holds the token's write. A window over all calendars leaves out the calendars with grants on \
            which the caller has no role (ADR 0027): nothing of theirs is counted, in any bucket, total or summary; those \
            on which the caller holds a freebusy grant are counted with their entries under job_types.private, as private \
            entries are, and no filter but type=private matches them (ADR 0096). A grant \
            reaches this window up to almanac.query.restricted-calendars-refresh (1 s) after it reaches the calendar's own \
            reads.""")
    @ApiResponse(responseCode = "200", description = "The window, shaped as F033-WINDOW's ScheduleWindow schema")
    @ApiResponse(responseCode = "304", description = "If-None-Match names the window's current ETag")
    @ProblemResponse(responseCode = "400", description = """
            A parameter is missing or invalid; errors[].field names it and errors[].rule the rule: \
            rfc3339 (not an RFC 3339 date-time with an offset in the years 0001 to 9999), after_from (till not after \
            from), max_window_days (more than 365 days), iana_zone (unknown zone), one_of (unknown granularity), \
            format (queue is not an id), one_of (priority), size (type or tag over 64 characters), text (NUL, a control \
            character or a lone surrogate), required.""")
    @ProblemResponse(responseCode = "404", description = "queue names no calendar, or one the caller has no role on: the same answer (ADR 0086); errors[].field is queue")
    public Mono<ResponseEntity<ScheduleWindow>> window(
            @Parameter(description = "Window start, inclusive: an RFC 3339 date-time with an offset, years 0001 to 9999", example = "2025-09-14T00:00:00Z")
            @RequestParam("from") String from,
            @Parameter(description = "Window end, exclusive; after from and at most 365 days later", example = "2025-10-14T00:00:00Z")
            @RequestParam("till") String till,
            @Parameter(description = "Only entries on this calendar (the queue of a rule is its calendar)", example = "cal-ballroom")
            @RequestParam(name = "queue", required = false) @Nullable String queue,
            @Parameter(description = "IANA zone whose local periods form the buckets; default UTC", example = "America/New_York")
            @RequestParam(name = "timezone", required = false) @Nullable String timezone,
            @Parameter(description = "Bucket size: hour, day or week; default day",
                    schema = @Schema(allowableValues = {"hour", "day", "week"}, defaultValue = "day"))
            @RequestParam(name = "granularity", required = false) @Nullable String granularity,
            @Parameter(description = "Only entries of this type", example = "maintenance_job", schema = @Schema(maxLength = 64))
            @RequestParam(name = "type", required = false) @Nullable String type,
            @Parameter(description = "Only items carrying this tag (occurrences carry none)", example = "finance", schema = @Schema(maxLength = 64))
            @RequestParam(name = "tag", required = false) @Nullable String tag,
            @Parameter(description = "Only items of this priority (occurrences have none)",
                    schema = @Schema(allowableValues = {"low", "normal", "high", "critical"}))
            @RequestParam(name = "priority", required = false) @Nullable String priority,
            ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        QueryParameters parameters = new QueryParameters();
        TimeRange range = parameters.window(from, till);
        ZoneId zone = parameters.zone("timezone", timezone, DEFAULT_ZONE);
        Granularity size = parameters.oneOf("granularity", granularity, Granularity.class, Granularity.DAY);
        String calendarId = parameters.identifier("queue", queue);
        WindowFilter filter = new WindowFilter(parameters.text("type", type, MAX_FILTER_LENGTH), parameters.text("tag", tag, MAX_FILTER_LENGTH),
                parameters.optionalOneOf("priority", priority, Priority.class));
        parameters.throwIfInvalid();
        TimeRange window = Objects.requireNonNull(range);
        WindowSpec spec = new WindowSpec(window.start(), window.end(), zone, size);
        if (calendarId == null) {
            return readers.visibility(exchange).zipWith(readers.busyOnly(exchange)).flatMap(seen -> seen.getT2().isEmpty()
                    ? counted(spec, null, filter, seen.getT1(), request)
                    : withBusyCalendars(spec, filter, seen.getT1(), seen.getT2()));
        }
        Mono<ResponseEntity<ScheduleWindow>> counted = counted(spec, calendarId, filter, CalendarVisibility.EVERY_CALENDAR, request);
        // An unknown queue is bad input, as in the detailed day; the lookup runs beside the count, once the caller may see it.
        Mono<Boolean> known = calendars.exists(calendarId).filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> unknownQueue(calendarId)));
        return readers.requireViewer(exchange, calendarId, () -> unknownQueue(calendarId)).then(Mono.zip(known, counted).map(Tuple2::getT2));
    }

    private static ProblemException unknownQueue(String calendarId) {
        return ProblemException.notFound("queue", "queue '" + calendarId + "' names no calendar");
    }

    private Mono<ResponseEntity<ScheduleWindow>> counted(WindowSpec spec, @Nullable String calendarId, WindowFilter filter,
                                                         CalendarVisibility visibility, ServerHttpRequest request) {
        return filter.isNone()
                // A read-your-writes request checks its answer; its token was held before this handler ran.
                ? windows.answer(spec, calendarId, visibility, !request.getQueryParams().containsKey(ConsistencyToken.PARAMETER))
                        .map(answer -> tagged(answer, request.getHeaders()))
                // Filtered windows are counted entry by entry and not kept; ContentEtags tags them from their body.
                : windows.window(spec, calendarId, filter, visibility).map(ResponseEntity::ok);
    }

    /**
     * The window over the calendars the caller reads, with those they see only busy counted in by no type of their own
     * (ADR 0096). A filter by tag or priority matches none of their entries, and one by type only {@code private}, as it
     * matches a private entry. Tagged from its body ({@code ContentEtags}), as a filtered window is.
     */
    private Mono<ResponseEntity<ScheduleWindow>> withBusyCalendars(WindowSpec spec, WindowFilter filter, CalendarVisibility visibility,
                                                                   List<String> busyOnly) {
        boolean busyMatches = filter.tag() == null && filter.priority() == null
                && (filter.type() == null || filter.type().equals(EntryCopy.PRIVATE_TYPE));
        Mono<List<ScheduleWindow>> busy = busyMatches
                ? Flux.fromIterable(busyOnly).concatMap(calendar -> windows.window(spec, calendar)).collectList()
                : Mono.just(List.of());
        return windows.window(spec, null, filter, visibility).zipWith(busy)
                .map(read -> ResponseEntity.ok(BusyCalendarCounts.added(read.getT1(), read.getT2())));
    }

    /**
     * The window with the ETag of what it was counted from, or 304 without a body when
     * If-None-Match names it. A kept window goes gzipped to a client that allows it, compressed
     * once; one not kept is not worth compressing for a single answer.
     */
    private ResponseEntity<ScheduleWindow> tagged(WindowAnswers.Answer answer, HttpHeaders request) {
        boolean gzip = AcceptEncoding.allowsGzip(request.getOrEmpty(HttpHeaders.ACCEPT_ENCODING)) && windows.isKept(answer.window());
        // A gzipped body is another representation: RFC 9110 gives it a strong tag of its own.
        String tag = gzip ? answer.tag().substring(0, answer.tag().length() - 1) + "-gzip\"" : answer.tag();
        if (request.getIfNoneMatch().stream().anyMatch(named -> named.equals("*") || named.replaceFirst("^W/", "").equals(tag))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tag).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING).build();
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().eTag(tag).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (gzip) {
            response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return response.body(answer.window());
    }
}
