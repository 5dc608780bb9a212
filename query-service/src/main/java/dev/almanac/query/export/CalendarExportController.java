package dev.almanac.query.export;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.calendar.CalendarView;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.EntryView;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.web.QueryParameters;

@RestController
@Tag(name = "Calendar export", description = "A calendar's entries as an iCalendar document (RFC 5545) or a CSV table (RFC 4180), "
        + "eventually consistent")
public class CalendarExportController {

    /** The most events one export holds (almanac.query.export-max-events); a window holding more is refused, never cut short. */
    static final int DEFAULT_MAX_EVENTS = 10_000;
    static final String MAX_EVENTS_RULE = "max_export_events";

    /** A window without from starts this long before today (UTC), so that last week stays on a subscriber's calendar. */
    static final Duration DEFAULT_LOOKBACK = Duration.ofDays(7);
    /** A window without till is this long: from a week ago to 90 days from today. */
    static final Duration DEFAULT_LENGTH = Duration.ofDays(97);

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);
    /** RFC 4180's text/csv, whose header parameter says that the first row names the columns. */
    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv;charset=utf-8;header=present");

    private final Calendars calendars;
    private final CalendarDays days;
    private final RuleTimelines ruleTimelines;
    private final Clock clock;
    private final int maxEvents;

    public CalendarExportController(Calendars calendars, CalendarDays days, RuleTimelines ruleTimelines, ObjectProvider<Clock> clock,
                                    @Value("${almanac.query.export-max-events:" + DEFAULT_MAX_EVENTS + "}") int maxEvents) {
        this.calendars = calendars;
        this.days = days;
        this.ruleTimelines = ruleTimelines;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.maxEvents = maxEvents;
    }

    @GetMapping("/api/v1/calendars/{id}/export.ics")
    @Operation(summary = "A calendar's entries as iCalendar",
            description = """
                    The calendar's one-off items and rule occurrences that overlap the half-open window [from, till), \
                    past or future (each with the id and instants rule-expander gives it), as an RFC 5545 document (text/calendar) that Google Calendar, Outlook and Apple Calendar \
                    import or subscribe to: one VEVENT per entry, UID `<entry id>@almanac` (stable across exports), \
                    DTSTART and DTEND in UTC, SUMMARY the title (else the type, else the id), CATEGORIES the type and tags, \
                    X-ALMANAC-RULE-ID the rule of an occurrence; X-WR-CALNAME and X-WR-TIMEZONE name the calendar and its zone. \
                    Without parameters the window suits a subscription URL: from 00:00 UTC today minus 7 days, for 97 days \
                    (to 90 days ahead). from alone: 97 days from it; till alone: from the \
                    default from. from and till are RFC 3339 date-times with an offset, from before till, at most 365 days \
                    apart. A window holding more than 10,000 entries is refused (max_export_events on till): narrow it. \
                    DTSTAMP is 00:00 UTC of the day of the export, so an unchanged calendar exports the same document all \
                    day and If-None-Match with the ETag answers 304. Cancelled entries are not in the document.""")
    @ApiResponse(responseCode = "200", description = "The iCalendar document",
            content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string")))
    @ProblemResponse(responseCode = "400", description = """
            A parameter is invalid (errors[].field names it: rfc3339, after_from, max_window_days), or the window holds \
            more entries than one export takes (till, max_export_events)""")
    @ProblemResponse(responseCode = "404", description = "No calendar has this id")
    public Mono<ResponseEntity<String>> export(
            @Parameter(description = "Calendar id", example = "cal-ballroom") @PathVariable String id,
            @Parameter(description = "Window start, inclusive; default 00:00 UTC today minus 7 days", example = "2026-12-01T00:00:00Z")
            @RequestParam(name = "from", required = false) @Nullable String from,
            @Parameter(description = "Window end, exclusive; default from plus 97 days", example = "2027-01-01T00:00:00Z")
            @RequestParam(name = "till", required = false) @Nullable String till) {
        return read(id, from, till).map(CalendarExportController::icalendar);
    }

    @GetMapping("/api/v1/calendars/{id}/export.csv")
    @Operation(summary = "A calendar's entries as a CSV table",
            description = """
                    The entries export.ics holds, with its window, defaults, limits and errors, as an RFC 4180 table for \
                    Excel, LibreOffice or Google Sheets (text/csv; charset=utf-8; header=present, an attachment named \
                    `<calendar id>.csv`): a header row, then one row per entry in (start, id) order, CRLF line ends. Columns: \
                    id, kind (item or occurrence), title, type, start and end (RFC 3339, UTC), local_start and local_end (the \
                    calendar's wall clock, ISO local date-time without offset), timezone (the calendar's zone), \
                    duration_minutes (whole minutes), priority (items only), tags (joined by `;`), rule_id (occurrences only). \
                    A field holding a comma, a double quote or a line break is quoted. A text cell that starts with =, +, -, @, \
                    a tab or a carriage return is written with a leading single quote, so a spreadsheet shows it as text and \
                    does not run it as a formula (CSV injection). Without from and till: from 00:00 UTC today minus 7 days, for \
                    97 days; at most 365 days; more than 10,000 entries is refused (max_export_events on till). An unchanged \
                    calendar exports the same table, and If-None-Match with the ETag answers 304. Cancelled entries are not \
                    in the table.""")
    @ApiResponse(responseCode = "200", description = "The CSV table",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @ProblemResponse(responseCode = "400", description = """
            A parameter is invalid (errors[].field names it: rfc3339, after_from, max_window_days), or the window holds \
            more entries than one export takes (till, max_export_events)""")
    @ProblemResponse(responseCode = "404", description = "No calendar has this id")
    public Mono<ResponseEntity<String>> exportCsv(
            @Parameter(description = "Calendar id", example = "cal-ballroom") @PathVariable String id,
            @Parameter(description = "Window start, inclusive; default 00:00 UTC today minus 7 days", example = "2026-12-01T00:00:00Z")
            @RequestParam(name = "from", required = false) @Nullable String from,
            @Parameter(description = "Window end, exclusive; default from plus 97 days", example = "2027-01-01T00:00:00Z")
            @RequestParam(name = "till", required = false) @Nullable String till) {
        return read(id, from, till).map(CalendarExportController::csv);
    }

    /** What every export format writes: the calendar, its entries in the window in (start, id) order, and the day of the export. */
    private record Export(CalendarView calendar, List<EntryView> entries, Instant today) {
    }

    /**
     * The one read behind both formats: checks the parameters (throwing their problem), finds the calendar
     * (404 if none), reads its stored entries in the window with its rule occurrences, and refuses a window
     * holding more than the cap.
     */
    private Mono<Export> read(String id, @Nullable String from, @Nullable String till) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        TimeRange window = window(parameters, from, till, today);
        parameters.throwIfInvalid();
        TimeRange range = Objects.requireNonNull(window);
        return calendars.require(id)
                // One more than the cap is read, to tell a full export from one that would be cut short.
                // Rule occurrences come from the rules' timelines (ADR 0068), with rule-expander's ids and instants, so a
                // subscriber's events are the same whichever service it asks.
                .flatMap(calendar -> Mono.zip(days.overlapping(id, range, null, maxEvents + 1), ruleTimelines.snapshot())
                        .map(read -> EntryCopy.mergedById(read.getT1(),
                                read.getT2().copiesOverlapping(range.start(), range.end(), id, null, null, maxEvents + 1)))
                        .flatMap(copies -> copies.size() > maxEvents
                                ? Mono.error(tooManyEvents(range))
                                : Mono.just(new Export(calendar, views(calendar, copies), today))));
    }

    /** The window asked for, or the defaults for what was left out; null when a parameter is invalid. */
    private static @Nullable TimeRange window(QueryParameters parameters, @Nullable String from, @Nullable String till, Instant today) {
        Instant defaultFrom = today.minus(DEFAULT_LOOKBACK);
        if (till != null) {
            return parameters.window(from == null ? defaultFrom.toString() : from, till);
        }
        Instant start = from == null ? defaultFrom : parameters.instant("from", from);
        return start == null ? null : new TimeRange(start, start.plus(DEFAULT_LENGTH));
    }

    private ProblemException tooManyEvents(TimeRange window) {
        return ProblemException.invalid("till", MAX_EVENTS_RULE, "the window from " + window.start() + " till " + window.end()
                + " holds more than " + maxEvents + " entries, more than one export takes: narrow the window (an earlier till)");
    }

    private static List<EntryView> views(CalendarView calendar, List<EntryCopy> copies) {
        return copies.stream().map(copy -> copy.view(calendar.id(), calendar.timezone())).toList();
    }

    private static ResponseEntity<String> icalendar(Export export) {
        CalendarView calendar = export.calendar();
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(calendar.id() + ".ics").build().toString())
                .body(ICalendarFeed.render(calendar.name(), calendar.timezone(), export.entries(), export.today()));
    }

    private static ResponseEntity<String> csv(Export export) {
        CalendarView calendar = export.calendar();
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(calendar.id() + ".csv").build().toString())
                .body(CalendarCsv.render(calendar.timezone(), export.entries()));
    }
}
