package dev.almanac.query.opsfeed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;
import dev.almanac.platform.input.Rfc3339;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.entry.EntryCursor;
import dev.almanac.query.web.QueryParameters;

@RestController
@Tag(name = "Ops calendar", description = "The operators' schedule across calendars: rule runs and one-off items with their run state "
        + "and actions (OPS-FEED, eventually consistent)")
public class OpsFeedController {

    /** The widest range one request reads: OPS-WINDOW's 30-day rolling window, and a day to spare for a DST month. */
    static final int MAX_RANGE_DAYS = 31;
    static final String MAX_RANGE_RULE = "max_range_days";
    /** The most calendars one request names. */
    static final int MAX_CALENDARS = 50;
    /** As the rules list's owner filter (ADR 0062). */
    static final int MAX_OWNER_LENGTH = 128;
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final OpsFeed feed;
    private final CalendarReaders readers;
    private final Clock clock;

    public OpsFeedController(OpsFeed feed, CalendarReaders readers, ObjectProvider<Clock> clock) {
        this.feed = feed;
        this.readers = readers;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/api/v1/ops/calendar/events")
    @Operation(summary = "Get the ops calendar's events", description = """
            OPS-FEED's unified schedule: every rule occurrence (cron or RRULE, past or future, and those \
            a paused or disabled rule holds back; a heartbeat rule's beats with source heartbeat, ADR 0073) and every one-off item of every calendar that starts in [start, end), by \
            scheduled_at_utc and then event_id. Each carries its status (the run-state overlay of the calendar views: \
            OPS-STATUS's scheduled, running, success, failed, missed, paused, disabled, and the dispatcher's decisions on an \
            occurrence, ADR 0071: dispatched and not reported yet, buffered, skipped, timed_out, retry_scheduled, \
            retries_exhausted; a later attempt outranks an earlier one, a run report the bare dispatch of its attempt), its category (from the item's priority or the \
            rule's job_template.priority), scheduled_at_local in timezone, and the actions the caller may take on it now, \
            each with its method and path. Without start and end the range is the view's, in local days of timezone: day \
            (today), week (this ISO week, the default) or list (OPS-WINDOW's rolling 30 days: 7 days back, 23 ahead); start \
            alone runs for the view's length (1, 7 or 30 days), end alone likewise back from it. At most 31 days. \
            source, status and calendar_id take several values (repeated, or comma-separated); owner is a rule's \
            metadata.owner (else its creator) or an item's calendar's owner. lane says where a screen draws an event: \
            always_running (seed 001's Always Running lane) for a heartbeat's beats and the occurrences of a rule whose next \
            two runs after start are at most 15 minutes apart, calendar for the rest. A page holds at most limit events (default \
            and maximum 1000, F033-LIMIT-JOBS's max_jobs_per_request); when more follow, pass next_cursor as cursor with the same \
            parameters. The body's ETag answers If-None-Match with 304. Calendars with grants on which the caller has no \
            role are left out (ADR 0027): none of their events is listed, and pages and cursors run over what the caller \
            sees. actions are those the caller's role on the event's calendar allows: none that changes anything for a \
            viewer; an item's for a scheduler, its reschedule and cancel from 2 hours before its start only for a manager \
            (SCH-005); a rule's run_now, skip_next (unless it is paused until resumed), lifecycle and missed-run decisions for whoever may change the rule (ADR 0062: on a queue \
            with grants, its creator while a scheduler there, else the queue's managers); request_change for anyone who \
            sees the rule, since proposing needs no role. Which calendars have grants is read at most once a second, so a \
            grant reaches this read up to a second after it reaches the reads of its calendar. A calendar_id the caller may \
            not read is answered 403.""")
    @ApiResponse(responseCode = "200", description = "A page of events")
    @ProblemResponse(responseCode = "400", description = """
            A parameter is invalid; errors[].field names it and errors[].rule the rule: rfc3339 (start, end), after_from \
            (end not after start), max_range_days (end more than 31 days after start), range (start or end given alone \
            whose other edge, the view's length away, would fall outside the years 0001 to 9999; limit outside 1..1000), \
            iana_zone (timezone), one_of (view, source, status), format (calendar_id empty or not an id, cursor not one \
            this endpoint made), size (owner over 128 characters, more than 50 calendar_id), text.""")
    public Mono<OpsFeedPage> events(
            @Parameter(description = "Range start, inclusive; RFC 3339 with offset. Default: the view's", example = "2026-12-01T00:00:00Z")
            @RequestParam(name = "start", required = false) @Nullable String start,
            @Parameter(description = "Range end, exclusive; at most 31 days after start. Default: the view's", example = "2026-12-08T00:00:00Z")
            @RequestParam(name = "end", required = false) @Nullable String end,
            @Parameter(description = "IANA zone of scheduled_at_local and of the default range's days; default UTC", example = "America/Chicago")
            @RequestParam(name = "timezone", required = false) @Nullable String timezone,
            @Parameter(description = "day, week (default) or list: chooses the default range only", schema = @Schema(allowableValues = {"day", "week", "list"}))
            @RequestParam(name = "view", required = false) @Nullable String view,
            @Parameter(description = "Only events of this owner", schema = @Schema(maxLength = MAX_OWNER_LENGTH), example = "platform-team")
            @RequestParam(name = "owner", required = false) @Nullable String owner,
            @Parameter(description = "Only events of these sources", array = @ArraySchema(schema = @Schema(allowableValues = {"cron", "rrule", "item", "heartbeat"})))
            @RequestParam(name = "source", required = false) @Nullable List<String> source,
            @Parameter(description = "Only events in these statuses", array = @ArraySchema(schema = @Schema(
                    allowableValues = {"scheduled", "running", "success", "failed", "missed", "paused", "disabled", "dispatched",
                            "buffered", "skipped", "timed_out", "retry_scheduled", "retries_exhausted"})))
            @RequestParam(name = "status", required = false) @Nullable List<String> status,
            @Parameter(description = "Only events on these calendars (a rule's queue is its calendar); at most 50",
                    array = @ArraySchema(schema = @Schema(example = "demo-cal-ops")))
            @RequestParam(name = "calendar_id", required = false) @Nullable List<String> calendarId,
            @Parameter(description = "Page size, 1 to 1000; default 1000", example = "100")
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @Parameter(description = "next_cursor of the previous page") @RequestParam(name = "cursor", required = false) @Nullable String cursor,
            ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        ZoneId zone = parameters.zone("timezone", timezone, UTC);
        OpsView opsView = parameters.oneOf("view", view, OpsView.class, OpsView.WEEK);
        TimeRange range = range(parameters, start, end, opsView, zone);
        String ownerId = parameters.text("owner", owner, MAX_OWNER_LENGTH);
        Set<OpsSource> sources = enums(parameters, "source", source, OpsSource.class);
        Set<OpsStatus> statuses = enums(parameters, "status", status, OpsStatus.class);
        Set<String> calendars = calendars(parameters, calendarId);
        int pageSize = parameters.limit("limit", limit, QueryParameters.MAX_JOBS_PER_REQUEST);
        EntryCursor after = parameters.cursor(cursor, EntryCursor::decode);
        parameters.throwIfInvalid();
        TimeRange checkedRange = Objects.requireNonNull(range);
        return Mono.zip(visibility(exchange, calendars), readers.roles(exchange), readers.disclosure(exchange))
                .flatMap(seen -> feed.page(new OpsFeedRequest(checkedRange, zone, opsView, ownerId, sources, statuses, calendars, after,
                        pageSize, seen.getT1(), seen.getT2(), seen.getT3())));
    }

    /**
     * Every calendar the caller may read. Calendars named are checked one key lookup each, as their own reads are, and a
     * 403 names the first the caller may not read; then nothing of them is left out, and no other calendar is read.
     */
    private Mono<CalendarVisibility> visibility(ServerWebExchange exchange, Set<String> calendarIds) {
        if (calendarIds.isEmpty()) {
            return readers.visibility(exchange);
        }
        // A calendar hidden from the caller shows nothing, as one that does not exist does (ADR 0086).
        return Flux.fromIterable(calendarIds)
                .filterWhen(id -> readers.allowed(exchange, id).map(allowed -> !allowed))
                .collectList()
                .map(CalendarVisibility::hiding);
    }

    /**
     * The range asked for, or the view's default; one edge alone spans the view's length from it. When the other edge would
     * fall outside the years Almanac takes, the edge given is refused ({@code range}): the client never sent the other.
     */
    private @Nullable TimeRange range(QueryParameters parameters, @Nullable String start, @Nullable String end, OpsView view, ZoneId zone) {
        boolean hasStart = start != null && !start.isEmpty();
        boolean hasEnd = end != null && !end.isEmpty();
        if (!hasStart && !hasEnd) {
            return view.defaultRange(clock.instant(), zone);
        }
        if (hasStart && hasEnd) {
            return parameters.range("start", start, "end", end, "range", MAX_RANGE_DAYS, MAX_RANGE_RULE);
        }
        String field = hasStart ? "start" : "end";
        Instant given = parameters.instant(field, Objects.requireNonNull(hasStart ? start : end));
        if (given == null) {
            return null;
        }
        Duration length = view.length();
        Instant other = hasStart ? given.plus(length) : given.minus(length);
        if (other.isBefore(Rfc3339.MIN) || other.isAfter(Rfc3339.MAX)) {
            parameters.reject(field, "range", field + " alone spans the " + view.name().toLowerCase(Locale.ROOT) + " view's "
                    + length.toDays() + " days " + (hasStart ? "after" : "before") + " it, which passes the years 0001 to 9999"
                    + " Almanac takes; give " + (hasStart ? "end" : "start") + " too");
            return null;
        }
        return hasStart ? new TimeRange(given, other) : new TimeRange(other, given);
    }

    /** Every value of a repeated or comma-separated enum filter; an unknown one is reported. */
    private static <E extends Enum<E>> Set<E> enums(QueryParameters parameters, String field, @Nullable List<String> raw, Class<E> type) {
        Set<E> values = EnumSet.noneOf(type);
        for (String value : split(raw)) {
            E found = parameters.optionalOneOf(field, value, type);
            if (found != null) {
                values.add(found);
            }
        }
        return values;
    }

    /** The calendars named; an empty one ({@code calendar_id=,}) is refused rather than read as no filter, which is every calendar. */
    private static Set<String> calendars(QueryParameters parameters, @Nullable List<String> raw) {
        Set<String> ids = new LinkedHashSet<>();
        boolean empty = false;
        for (String value : raw == null ? List.<String>of() : raw) {
            for (String part : value.split(",", -1)) {
                if (part.isBlank()) {
                    empty = true;
                    continue;
                }
                String id = parameters.requiredIdentifier("calendar_id", part);
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        if (empty) {
            parameters.reject("calendar_id", "format", "calendar_id names an empty id; name calendars, or leave calendar_id out for all");
        }
        if (ids.size() > MAX_CALENDARS) {
            parameters.reject("calendar_id", "size", "calendar_id names at most " + MAX_CALENDARS + " calendars, got " + ids.size());
        }
        return ids;
    }

    private static List<String> split(@Nullable List<String> raw) {
        List<String> values = new ArrayList<>();
        if (raw != null) {
            for (String value : raw) {
                for (String part : value.split(",", -1)) {
                    if (!part.isBlank()) {
                        values.add(part);
                    }
                }
            }
        }
        return values;
    }
}
