package dev.almanac.query.export;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

import dev.almanac.events.EntryKind;
import dev.almanac.events.TimeRange;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.access.EntryDisclosure;
import dev.almanac.query.calendar.CalendarView;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.EntryView;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.view.ViewKind;
import dev.almanac.query.view.ViewPeriod;
import dev.almanac.query.web.QueryParameters;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

@RestController
@Tag(name = "Calendar export", description = "A calendar's entries as an iCalendar document (RFC 5545) or a CSV table (RFC 4180), "
        + "eventually consistent")
public class CalendarExportController {

    /** The most events one export holds (almanac.query.export-max-events); a window holding more is refused, never cut short. */
    static final int DEFAULT_MAX_EVENTS = 10_000;
    static final String MAX_EVENTS_RULE = "max_export_events";
    /** How many times the cap of entries the series form of export.ics reads: its rules' occurrences collapse into series. */
    static final int SERIES_READ_FACTOR = 10;

    /** A window without from starts this long before today (UTC), so that last week stays on a subscriber's calendar. */
    static final Duration DEFAULT_LOOKBACK = Duration.ofDays(7);
    /** A window without till is this long: from a week ago to 90 days from today. */
    static final Duration DEFAULT_LENGTH = Duration.ofDays(97);

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);
    /** RFC 4180's text/csv, whose header parameter says that the first row names the columns. */
    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv;charset=utf-8;header=present");

    private final Calendars calendars;
    private final CalendarReaders readers;
    private final CalendarDays days;
    private final RuleTimelines ruleTimelines;
    private final Clock clock;
    private final int maxEvents;

    public CalendarExportController(Calendars calendars, CalendarReaders readers, CalendarDays days, RuleTimelines ruleTimelines,
                                    ObjectProvider<Clock> clock,
                                    @Value("${almanac.query.export-max-events:" + DEFAULT_MAX_EVENTS + "}") int maxEvents) {
        this.calendars = calendars;
        this.readers = readers;
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
                    day and If-None-Match with the ETag answers 304. Cancelled entries are not in the document. \
                    With rules=series (the default) a rule's occurrences in the window are one series (ADR 0082): a VEVENT \
                    with UID `<rule id>@rules.almanac`, DTSTART in the rule's zone (TZID, with a VTIMEZONE written from \
                    the tz data the occurrences were resolved with), DURATION, an RRULE whose UNTIL is the window's end, \
                    EXDATE for each instance the rule does not run (cancelled, paused, skipped in a DST gap), and a \
                    VEVENT with RECURRENCE-ID (DTSTART and DTEND in UTC, X-ALMANAC-OCCURRENCE-ID) for each occurrence \
                    that stands elsewhere (moved). A cron rule is a series where an RRULE says the same (plain fields, \
                    not both day fields in the UNIX dialect); a rule with jitter, a cron no RRULE says, or a series \
                    that would explain less than half of the rule's occurrences is written as one VEVENT per \
                    occurrence, as rules=instances writes every rule. Expanded by any RFC 5545 client, the document \
                    gives exactly the occurrences /entries lists for the window. In series form the cap applies to the \
                    events written (a series, an override and a single event count one each), and a window of more than \
                    100,000 entries is refused before.""")
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
            @RequestParam(name = "till", required = false) @Nullable String till,
            @Parameter(description = "series (default): each rule as a VEVENT with RRULE, EXDATE and RECURRENCE-ID overrides; "
                    + "instances: one VEVENT per occurrence", schema = @Schema(allowableValues = {"series", "instances"}))
            @RequestParam(name = "rules", required = false) @Nullable String rules, ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        RuleForm form = parameters.oneOf("rules", rules, RuleForm.class, RuleForm.SERIES);
        return icalendar(parameters, id, from, till, form, exchange);
    }

    private Mono<ResponseEntity<String>> icalendar(QueryParameters parameters, String id, @Nullable String from, @Nullable String till,
                                                   RuleForm form, ServerWebExchange exchange) {
        parameters.requiredIdentifier("id", id);
        Instant today = today();
        TimeRange window = window(parameters, from, till, today);
        parameters.throwIfInvalid();
        TimeRange range = Objects.requireNonNull(window);
        return found(id, exchange).flatMap(read -> icalendar(read.getT1(), range, today, form, "till", read.getT2()));
    }

    /** The calendar, 404 if none, and what the request's caller is shown of its entries (ADR 0096). */
    private Mono<Tuple2<CalendarView, EntryDisclosure>> found(String id, ServerWebExchange exchange) {
        return calendars.require(id).zipWith(readers.disclosure(exchange, List.of(id)));
    }

    /**
     * The iCalendar document of a calendar found, each entry as {@code disclosure} shows it; in series form, refused when it
     * would hold more events than the cap.
     */
    Mono<ResponseEntity<String>> icalendar(CalendarView calendar, TimeRange range, Instant today, RuleForm form, String limitField,
                                           EntryDisclosure disclosure) {
        int readLimit = form == RuleForm.SERIES ? maxEvents * SERIES_READ_FACTOR : maxEvents;
        return read(calendar, range, today, limitField, readLimit, disclosure).flatMap(export -> {
            if (form == RuleForm.INSTANCES) {
                return Mono.just(instances(export));
            }
            List<EntryView> singles = new ArrayList<>();
            List<RuleSeries> series = series(export, singles);
            series.forEach(one -> singles.addAll(one.singles()));
            long events = singles.size() + series.stream().mapToLong(one -> one.replacements().size() + (one.master() == null ? 0 : 1)).sum();
            if (events > maxEvents) {
                return Mono.error(tooManyEvents(range, limitField, maxEvents));
            }
            singles.sort(Comparator.comparing(EntryView::start).thenComparing(EntryView::id));
            CalendarView found = export.calendar();
            return Mono.just(icalendarResponse(found, ICalendarFeed.render(found.name(), found.timezone(), singles, series, export.today())));
        });
    }

    /** How export.ics writes a rule's occurrences. */
    enum RuleForm {
        SERIES, INSTANCES
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
            @RequestParam(name = "till", required = false) @Nullable String till, ServerWebExchange exchange) {
        return read(new QueryParameters(), id, from, till, exchange).map(CalendarExportController::csv);
    }

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private static final String PERIOD_DESCRIPTION = """
            The period is a calendar view on the calendar's wall clock (SCH-044): view=day, week or month (default month) \
            holding date (yyyy-mm-dd, default today in the calendar's zone), a week from week_start (monday or sunday, \
            default monday), each day from one local midnight to the next, as /daily, /weekly and /monthly have them; \
            or any window given by from and till (RFC 3339, from before till, at most 365 days), laid out from the \
            local day of from to that of till. view and from/till exclude each other (errors[].field view, rule \
            exclusive). A period holding more than 10,000 entries is refused (max_export_events). Cancelled entries are \
            not exported.""";

    @GetMapping("/api/v1/calendars/{id}/export.xlsx")
    @Operation(summary = "A calendar's day, week, month or window as an Excel workbook",
            description = """
                    An Office Open XML workbook (an attachment named `<calendar id>_<first day>[_<last day>].xlsx`) with \
                    two sheets. Entries: export.csv's columns, one row per entry in (start, id) order, local_start and \
                    local_end as date cells (yyyy-mm-dd hh:mm) on the calendar's wall clock. Days: one row per local day \
                    of the period with date, weekday, entries (how many overlap it), minutes, and schedule (one line per \
                    entry: local start-end and title; at most 200, then "+N more"). Every text cell is text, never a \
                    formula: one that starts with =, +, -, @, a tab or a carriage return is quote-prefixed, Excel's \
                    mark for text that must not be run (formula injection), and shows exactly what was written. \
                    """ + PERIOD_DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "The workbook", content = @Content(
            mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @Schema(type = "string", format = "binary")))
    @ProblemResponse(responseCode = "400", description = """
            A parameter is invalid (errors[].field names it: view one_of or exclusive, date iso_date, week_start one_of, \
            from/till rfc3339, after_from, max_window_days), or the period holds more entries than one export takes \
            (till, or view for a view, max_export_events)""")
    @ProblemResponse(responseCode = "404", description = "No calendar has this id")
    public Mono<ResponseEntity<byte[]>> exportXlsx(
            @Parameter(description = "Calendar id", example = "cal-ballroom") @PathVariable String id,
            @Parameter(description = "day, week or month; default month", schema = @Schema(allowableValues = {"day", "week", "month"}))
            @RequestParam(name = "view", required = false) @Nullable String view,
            @Parameter(description = "A day of the period, yyyy-mm-dd; default today in the calendar's zone", example = "2026-12-01")
            @RequestParam(name = "date", required = false) @Nullable String date,
            @Parameter(description = "First day of a week: monday or sunday; default monday", schema = @Schema(allowableValues = {"monday", "sunday"}))
            @RequestParam(name = "week_start", required = false) @Nullable String weekStart,
            @Parameter(description = "Window start, inclusive, instead of a view", example = "2026-12-01T00:00:00Z")
            @RequestParam(name = "from", required = false) @Nullable String from,
            @Parameter(description = "Window end, exclusive, instead of a view", example = "2027-01-01T00:00:00Z")
            @RequestParam(name = "till", required = false) @Nullable String till, ServerWebExchange exchange) {
        return period(new QueryParameters(), id, view, date, weekStart, from, till, exchange).map(CalendarExportController::xlsx);
    }

    @GetMapping("/api/v1/calendars/{id}/export.pdf")
    @Operation(summary = "A calendar's day, week, month or window as a printable PDF",
            description = """
                    A PDF (an attachment named `<calendar id>_<first day>[_<last day>].pdf`), A4 landscape, on the \
                    calendar's wall clock: a heading with the calendar's name, the period, the zone and the count, then \
                    the grid of the view. A day is its 24 hours, each with the entries that start in it (local start-end, \
                    title, type). A week is seven columns of days, each with up to 40 entries. A month, or a window of up \
                    to 42 days, is weeks of seven days from week_start, each day with up to 6 entries and "+N more"; a \
                    longer window has no grid. After the grid of a week, month or window comes the agenda: every entry, \
                    day by day, with its local start and end, title and type. Text is set in Helvetica: characters \
                    outside Latin-1 are not shown. """ + PERIOD_DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "The PDF", content = @Content(mediaType = "application/pdf",
            schema = @Schema(type = "string", format = "binary")))
    @ProblemResponse(responseCode = "400", description = """
            A parameter is invalid (errors[].field names it: view one_of or exclusive, date iso_date, week_start one_of, \
            from/till rfc3339, after_from, max_window_days), or the period holds more entries than one export takes \
            (till, or view for a view, max_export_events)""")
    @ProblemResponse(responseCode = "404", description = "No calendar has this id")
    public Mono<ResponseEntity<byte[]>> exportPdf(
            @Parameter(description = "Calendar id", example = "cal-ballroom") @PathVariable String id,
            @Parameter(description = "day, week or month; default month", schema = @Schema(allowableValues = {"day", "week", "month"}))
            @RequestParam(name = "view", required = false) @Nullable String view,
            @Parameter(description = "A day of the period, yyyy-mm-dd; default today in the calendar's zone", example = "2026-12-01")
            @RequestParam(name = "date", required = false) @Nullable String date,
            @Parameter(description = "First day of a week: monday or sunday; default monday", schema = @Schema(allowableValues = {"monday", "sunday"}))
            @RequestParam(name = "week_start", required = false) @Nullable String weekStart,
            @Parameter(description = "Window start, inclusive, instead of a view", example = "2026-12-01T00:00:00Z")
            @RequestParam(name = "from", required = false) @Nullable String from,
            @Parameter(description = "Window end, exclusive, instead of a view", example = "2027-01-01T00:00:00Z")
            @RequestParam(name = "till", required = false) @Nullable String till, ServerWebExchange exchange) {
        return period(new QueryParameters(), id, view, date, weekStart, from, till, exchange).map(CalendarExportController::pdf);
    }

    @GetMapping("/api/v1/calendars/{id}/export")
    @Operation(summary = "A calendar's export in the format asked for",
            description = """
                    The same as export.ics, export.csv, export.xlsx or export.pdf, picked by format (required): each \
                    format's own parameters apply (rules for ics; view, date and week_start for xlsx and pdf; from and \
                    till for all). An unknown or missing format is refused naming format (one_of).""")
    @ApiResponse(responseCode = "200", description = "The export, in the media type of its format",
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @ProblemResponse(responseCode = "400", description = """
            A parameter is invalid (errors[].field names it: format one_of, the format's own parameters, and a parameter \
            of another format not_for_format)""")
    @ProblemResponse(responseCode = "404", description = "No calendar has this id")
    public Mono<ResponseEntity<?>> exportAs(
            @Parameter(description = "Calendar id", example = "cal-ballroom") @PathVariable String id,
            @Parameter(description = "ics, csv, xlsx or pdf", required = true, schema = @Schema(allowableValues = {"ics", "csv", "xlsx", "pdf"}))
            @RequestParam(name = "format", required = false) @Nullable String format,
            @Parameter(description = "ics only: series (default) or instances", schema = @Schema(allowableValues = {"series", "instances"}))
            @RequestParam(name = "rules", required = false) @Nullable String rules,
            @Parameter(description = "xlsx and pdf: day, week or month; default month", schema = @Schema(allowableValues = {"day", "week", "month"}))
            @RequestParam(name = "view", required = false) @Nullable String view,
            @Parameter(description = "xlsx and pdf: a day of the period, yyyy-mm-dd", example = "2026-12-01")
            @RequestParam(name = "date", required = false) @Nullable String date,
            @Parameter(description = "xlsx and pdf: monday or sunday", schema = @Schema(allowableValues = {"monday", "sunday"}))
            @RequestParam(name = "week_start", required = false) @Nullable String weekStart,
            @Parameter(description = "Window start, inclusive", example = "2026-12-01T00:00:00Z")
            @RequestParam(name = "from", required = false) @Nullable String from,
            @Parameter(description = "Window end, exclusive", example = "2027-01-01T00:00:00Z")
            @RequestParam(name = "till", required = false) @Nullable String till, ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        ExportFormat chosen = parameters.optionalOneOf("format", format, ExportFormat.class);
        if (chosen == null && (format == null || format.isBlank())) {
            parameters.reject("format", "one_of", "format must be one of ics, csv, xlsx, pdf, got none");
        }
        if (chosen == null) {
            parameters.requiredIdentifier("id", id);
            parameters.throwIfInvalid();
        }
        // A parameter of another format is refused, not ignored: a client that sent it expected it to matter.
        boolean period = chosen == ExportFormat.XLSX || chosen == ExportFormat.PDF;
        String named = chosen.name().toLowerCase(java.util.Locale.ROOT);
        if (!period) {
            refuseForFormat(parameters, "view", view, "xlsx and pdf", named);
            refuseForFormat(parameters, "date", date, "xlsx and pdf", named);
            refuseForFormat(parameters, "week_start", weekStart, "xlsx and pdf", named);
        }
        if (chosen != ExportFormat.ICS) {
            refuseForFormat(parameters, "rules", rules, "ics", named);
        }
        return switch (chosen) {
            case ICS -> icalendar(parameters, id, from, till, parameters.oneOf("rules", rules, RuleForm.class, RuleForm.SERIES), exchange)
                    .map(answer -> answer);
            case CSV -> read(parameters, id, from, till, exchange).map(CalendarExportController::csv);
            case XLSX -> period(parameters, id, view, date, weekStart, from, till, exchange).map(CalendarExportController::xlsx);
            case PDF -> period(parameters, id, view, date, weekStart, from, till, exchange).map(CalendarExportController::pdf);
        };
    }

    private static void refuseForFormat(QueryParameters parameters, String field, @Nullable String value, String appliesTo, String format) {
        if (value != null) {
            parameters.reject(field, "not_for_format", field + " applies to " + appliesTo + " exports only, not to format=" + format);
        }
    }

    /** The formats GET /calendars/{id}/export writes. */
    enum ExportFormat {
        ICS, CSV, XLSX, PDF
    }

    private enum WeekStart {
        MONDAY(DayOfWeek.MONDAY), SUNDAY(DayOfWeek.SUNDAY);

        private final DayOfWeek day;

        WeekStart(DayOfWeek day) {
            this.day = day;
        }
    }

    /** A period export's entries with its days: the parameters checked (every violation in one problem), then the read. */
    private Mono<PeriodExport> period(QueryParameters parameters, String id, @Nullable String view, @Nullable String date,
                                      @Nullable String weekStart, @Nullable String from, @Nullable String till,
                                      ServerWebExchange exchange) {
        parameters.requiredIdentifier("id", id);
        ViewKind kind = parameters.optionalOneOf("view", view, ViewKind.class);
        LocalDate day = date == null ? null : parameters.date("date", date);
        DayOfWeek firstDay = parameters.oneOf("week_start", weekStart, WeekStart.class, WeekStart.MONDAY).day;
        boolean windowed = from != null || till != null;
        if (windowed && (view != null || date != null)) {
            parameters.reject(view != null ? "view" : "date", "exclusive", "give view and date, or from and till, not both");
        }
        TimeRange window = null;
        if (windowed) {
            if (from == null || till == null) {
                parameters.reject(from == null ? "from" : "till", "required", "a window needs both from and till");
            } else {
                window = parameters.window(from, till);
            }
        }
        parameters.throwIfInvalid();
        TimeRange range = window;
        Instant today = today();
        return found(id, exchange).flatMap(found -> {
            CalendarView calendar = found.getT1();
            ZoneId zone = calendar.timezone();
            ExportPeriod period = range != null ? ExportPeriod.of(range, zone, firstDay)
                    : ExportPeriod.of(ViewPeriod.of(kind == null ? ViewKind.MONTH : kind,
                            day == null ? LocalDate.ofInstant(clock.instant(), zone) : day, zone, firstDay), firstDay);
            return read(calendar, period.window(), today, range != null ? "till" : "view", maxEvents, found.getT2())
                    .map(export -> new PeriodExport(export, period));
        });
    }

    private record PeriodExport(Export export, ExportPeriod period) {

        String fileName(String extension) {
            return export.calendar().id() + "_" + period.fileLabel() + "." + extension;
        }
    }

    private static ResponseEntity<byte[]> xlsx(PeriodExport export) {
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(export.fileName("xlsx")).build().toString())
                .body(CalendarWorkbook.render(export.export().calendar().name(), export.period(), export.export().entries()));
    }

    private static ResponseEntity<byte[]> pdf(PeriodExport export) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(export.fileName("pdf")).build().toString())
                .body(CalendarPdf.render(export.export().calendar().name(), export.period(), export.export().entries()));
    }

    /**
     * What every export format writes: the calendar, its entries in the window in (start, id) order, and the day of the
     * export; with the rules' snapshot it was read from and the timeline occurrence of each rule occurrence computed from
     * it, by id, for the series form.
     */
    record Export(CalendarView calendar, List<EntryView> entries, Instant today, TimeRange window, RuleTimelines.Snapshot rules,
                  Map<String, TimelineOccurrence> computed) {
    }

    /**
     * The one read behind both formats: checks the parameters (throwing their problem), finds the calendar
     * (404 if none), reads its stored entries in the window with its rule occurrences, and refuses a window
     * holding more than the cap.
     */
    private Mono<Export> read(QueryParameters parameters, String id, @Nullable String from, @Nullable String till,
                              ServerWebExchange exchange) {
        parameters.requiredIdentifier("id", id);
        Instant today = today();
        TimeRange window = window(parameters, from, till, today);
        parameters.throwIfInvalid();
        TimeRange range = Objects.requireNonNull(window);
        return found(id, exchange).flatMap(found -> read(found.getT1(), range, today, "till", maxEvents, found.getT2()));
    }

    Instant today() {
        return clock.instant().truncatedTo(ChronoUnit.DAYS);
    }

    /**
     * The entries of a calendar found, in {@code range}; refused when there are more than {@code readLimit}. The series
     * form of export.ics reads up to {@link #SERIES_READ_FACTOR} times the cap, since a rule's occurrences become one event,
     * and refuses a document of more than the cap's events afterwards. Each entry is as {@code disclosure} shows it
     * (ADR 0096): a busy block has no rule, so it is exported as a single event.
     */
    Mono<Export> read(CalendarView calendar, TimeRange range, Instant today, String limitField, int readLimit,
                      EntryDisclosure disclosure) {
        String id = calendar.id();
        // One more than the cap is read, to tell a full export from one that would be cut short.
        // Rule occurrences come from the rules' timelines (ADR 0068), with rule-expander's ids and instants, so a
        // subscriber's events are the same whichever service it asks.
        return Mono.zip(days.overlapping(id, range, null, readLimit + 1), ruleTimelines.snapshot())
                .flatMap(read -> {
                    List<RuleTimelines.Computed> computed = read.getT2().computedOverlapping(range.start(), range.end(), id, null, null,
                            readLimit + 1);
                    List<EntryCopy> occurrences = new ArrayList<>(computed.size());
                    Map<String, TimelineOccurrence> timeline = new HashMap<>(computed.size() * 4 / 3 + 1);
                    for (RuleTimelines.Computed one : computed) {
                        occurrences.add(one.copy());
                        timeline.put(one.copy().id(), one.occurrence());
                    }
                    List<EntryCopy> copies = EntryCopy.mergedById(read.getT1(), occurrences);
                    return copies.size() > readLimit
                            ? Mono.error(tooManyEvents(range, limitField, readLimit))
                            : Mono.just(new Export(calendar, views(calendar, copies, disclosure), today, range, read.getT2(), timeline));
                });
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

    private static ProblemException tooManyEvents(TimeRange window, String field, int limit) {
        return ProblemException.invalid(field, MAX_EVENTS_RULE, "the window from " + window.start() + " till " + window.end()
                + " holds more than " + limit + " entries, more than one export takes: narrow the window (an earlier till)");
    }

    private static List<EntryView> views(CalendarView calendar, List<EntryCopy> copies, EntryDisclosure disclosure) {
        return copies.stream().map(copy -> disclosure.shown(copy, copy.view(calendar.id(), calendar.timezone()))).toList();
    }

    /** The document with every entry as a VEVENT of its own, rules' occurrences included. */
    static ResponseEntity<String> instances(Export export) {
        CalendarView calendar = export.calendar();
        return icalendarResponse(calendar, ICalendarFeed.render(calendar.name(), calendar.timezone(), export.entries(), export.today()));
    }

    private static ResponseEntity<String> icalendarResponse(CalendarView calendar, String document) {
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(calendar.id() + ".ics").build().toString())
                .body(document);
    }

    /**
     * Each rule's occurrences in the export as a series (ADR 0082), each occurrence matched with what its rule's
     * timeline knows of it; the items, and the occurrences no timeline knows, go to {@code singles}.
     */
    static List<RuleSeries> series(Export export, List<EntryView> singles) {
        Map<String, List<EntryView>> byRule = new TreeMap<>();
        for (EntryView entry : export.entries()) {
            if (entry.kind() == EntryKind.OCCURRENCE && entry.ruleId() != null) {
                byRule.computeIfAbsent(entry.ruleId(), any -> new ArrayList<>()).add(entry);
            } else {
                singles.add(entry);
            }
        }
        List<RuleSeries> series = new ArrayList<>();
        byRule.forEach((ruleId, entries) -> {
            RuleTimeline timeline = export.rules().timeline(ruleId);
            if (timeline == null) {
                singles.addAll(entries);
                return;
            }
            // The occurrences the read computed come with their timeline occurrence; only those stored apart (backfill and
            // catch-up runs) are looked for in the timeline again.
            List<EntryView> stored = entries.stream().filter(entry -> !export.computed().containsKey(entry.id())).toList();
            Map<String, TimelineOccurrence> known = stored.isEmpty() ? export.computed() : knownOf(timeline, stored, export);
            List<RuleSeries.Listed> listed = new ArrayList<>();
            for (EntryView entry : entries) {
                TimelineOccurrence occurrence = known.get(entry.id());
                if (occurrence == null) {
                    singles.add(entry);
                } else {
                    listed.add(new RuleSeries.Listed(entry, occurrence));
                }
            }
            series.add(RuleSeries.of(ruleId, listed, export.window().end()));
        });
        return series;
    }

    /** The computed occurrences with the timeline's own from the earliest of {@code stored} to the window's end, backfill runs included. */
    private static Map<String, TimelineOccurrence> knownOf(RuleTimeline timeline, List<EntryView> stored, Export export) {
        Map<String, TimelineOccurrence> known = new HashMap<>(export.computed());
        Instant earliest = stored.stream().map(EntryView::start).min(Instant::compareTo).orElseThrow();
        timeline.forEachStartingIn(earliest, export.window().end(), occurrence -> known.putIfAbsent(occurrence.id().value(), occurrence));
        return known;
    }

    private static ResponseEntity<String> csv(Export export) {
        CalendarView calendar = export.calendar();
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(calendar.id() + ".csv").build().toString())
                .body(CalendarCsv.render(calendar.timezone(), export.entries()));
    }
}
