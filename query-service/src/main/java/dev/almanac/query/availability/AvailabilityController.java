package dev.almanac.query.availability;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.calendar.CalendarView;
import dev.almanac.query.web.QueryParameters;

@RestController
@Tag(name = "Availability", description = """
        Free slots, free/busy and the batch availability check of calendars (SCH-AVAILABILITY, SCH-032 to SCH-034), \
        computed from the projected entries (eventually consistent). A calendar is busy at an instant when as many \
        entries as its capacity run then; cancelled items do not count.""")
public class AvailabilityController {

    private final CalendarLoad calendars;
    private final CalendarReaders readers;

    public AvailabilityController(CalendarLoad calendars, CalendarReaders readers) {
        this.calendars = calendars;
        this.readers = readers;
    }

    @GetMapping("/api/v1/calendars/{id}/availability/slots")
    @Operation(summary = "Free slots of a calendar",
            description = """
                    Candidate slots start every `increment` on the wall clock of `timezone` (default: the calendar's zone), \
                    counted from local midnight, and last `duration`; only candidates wholly inside [from, till) are \
                    considered. A local time that a spring-forward gap skips gives no slot; one that a fall-back overlap \
                    repeats gives a slot at each of its two instants (local_start tells them apart by offset). A slot is \
                    free when, over [start - buffer, end + buffer), fewer entries than the calendar's capacity run at \
                    every instant. from and till are RFC 3339 date-times with an offset, from before till, at most 31 \
                    days apart. Durations read like 30m, 1h30m, 90s or ISO-8601 PT30M.""")
    @ApiResponse(responseCode = "200", description = "The free slots, by start, and the parameters used")
    @ProblemResponse(responseCode = "400", description = "A parameter is missing or invalid; errors[].field and errors[].rule name it")
    @ProblemResponse(responseCode = "404", description = "No calendar has this id")
    public Mono<FreeSlots> slots(
            @Parameter(description = "Calendar id", example = "cal-ballroom") @PathVariable String id,
            @Parameter(description = "Range start, inclusive", example = "2026-12-01T00:00:00Z") @RequestParam("from") String from,
            @Parameter(description = "Range end, exclusive", example = "2026-12-08T00:00:00Z") @RequestParam("till") String till,
            @Parameter(description = "Length of a slot, 1m to 7 days; default: the increment", example = "1h")
            @RequestParam(name = "duration", required = false) @Nullable String duration,
            @Parameter(description = "Spacing of candidate starts, 5m to 24h, dividing a day evenly (SCH-034: default 30m)", example = "30m")
            @RequestParam(name = "increment", required = false) @Nullable String increment,
            @Parameter(description = "Time that must also be clear before and after a slot, 0m to 24h (SCH-032: default 15m)", example = "15m")
            @RequestParam(name = "buffer", required = false) @Nullable String buffer,
            @Parameter(description = "IANA zone whose wall clock aligns the slots; default: the calendar's", example = "America/New_York")
            @RequestParam(name = "timezone", required = false) @Nullable String timezone) {
        SlotRequest request = SlotRequest.require(id, from, till, duration, increment, buffer, timezone);
        return AvailabilityEngine.slots(calendars, id, request).map(found -> new FreeSlots(id, found.clock(), request.asked().start(),
                request.asked().end(), request.length().toString(), request.increment().toString(), request.buffer().toString(),
                found.bookable().capacity(), found.free()));
    }

    @GetMapping("/api/v1/calendars/{id}/freebusy")
    @Operation(summary = "Free/busy of a calendar",
            description = """
                    The merged intervals inside [from, till) during which the calendar is at capacity; the rest of the \
                    range is free. No buffer is applied, and nothing is told about the entries themselves (no ids, \
                    titles or counts). from and till are RFC 3339 date-times with an offset, from before till, at most \
                    31 days apart.""")
    @ApiResponse(responseCode = "200", description = "The busy intervals, by start")
    @ProblemResponse(responseCode = "400", description = "A parameter is missing or invalid; errors[].field and errors[].rule name it")
    @ProblemResponse(responseCode = "404", description = "No calendar has this id")
    public Mono<FreeBusy> freeBusy(
            @Parameter(description = "Calendar id", example = "cal-ballroom") @PathVariable String id,
            @Parameter(description = "Range start, inclusive", example = "2026-12-01T00:00:00Z") @RequestParam("from") String from,
            @Parameter(description = "Range end, exclusive", example = "2026-12-08T00:00:00Z") @RequestParam("till") String till) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        TimeRange range = AvailabilityRequests.range(parameters, "from", from, "till", till);
        parameters.throwIfInvalid();
        TimeRange asked = Objects.requireNonNull(range);
        return AvailabilityEngine.one(calendars, id, asked).map(found ->
                new FreeBusy(id, asked.start(), asked.end(), found.occupancy().stream().map(BusyInterval::of).toList()));
    }

    @PostMapping("/api/v1/calendars/availability/check-multiple")
    @Operation(summary = "Check the availability of several calendars",
            description = """
                    For each of 1 to 50 distinct calendars (SCH-033), whether it stays below its capacity at every instant \
                    of [from - buffer, till + buffer) (SCH-032: buffer default 15m), and the merged intervals of that range \
                    during which it is at capacity. A calendar that does not exist is answered in its place with status \
                    `unknown`, not as an error, so that one stale id does not fail the batch. The answers follow the \
                    order of calendar_ids. This is a read: it changes nothing, and may be repeated. A calendar with grants \
                    tells its free/busy only to those with a role on it, free/busy included, as its own free/busy read does (ADR 0027, ADR 0096).""")
    @ApiResponse(responseCode = "200", description = "One answer per calendar")
    @ProblemResponse(responseCode = "400", description = """
            The body is invalid: errors[].field and errors[].rule name each problem (max_batch above 50 ids, unique for a \
            repeated id, format for an id no calendar could have, max_range_days, after_from)""")
    public Mono<CheckMultipleResult> checkMultiple(@RequestBody CheckMultipleRequest request, ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        AvailabilityRequests.Batch read = AvailabilityRequests.batch(parameters, "calendar_ids", "calendar", request.calendarIds(),
                request.from(), request.till(), request.buffer());
        parameters.throwIfInvalid();
        AvailabilityRequests.Batch batch = Objects.requireNonNull(read);
        List<String> ids = batch.ids();
        TimeRange checked = batch.checked();
        // Each calendar named is checked as its own free/busy read checks it, one key lookup each (none for an admin).
        // A calendar hidden from the caller is answered in its place as unknown, as one that does not exist (ADR 0086).
        Mono<Set<String>> hidden = Flux.fromIterable(new LinkedHashSet<>(ids))
                .filterWhen(id -> readers.allowedBusy(exchange, id).map(allowed -> !allowed))
                .collect(Collectors.toSet());
        return hidden.zipWith(AvailabilityEngine.each(calendars, ids, checked)).map(found -> {
            Set<String> unseen = found.getT1();
            List<AvailabilityEngine.Answer<CalendarView, List<TimeRange>>> each = found.getT2();
            List<CalendarAvailability> answers = new ArrayList<>(ids.size());
            for (AvailabilityEngine.Answer<CalendarView, List<TimeRange>> answer : each) {
                if (answer.found() == null || unseen.contains(answer.id())) {
                    answers.add(new CalendarAvailability(answer.id(), AvailabilityStatus.UNKNOWN, null, List.of()));
                    continue;
                }
                List<BusyInterval> busy = answer.found().occupancy().stream().map(BusyInterval::of).toList();
                answers.add(new CalendarAvailability(answer.id(), busy.isEmpty() ? AvailabilityStatus.AVAILABLE : AvailabilityStatus.BUSY,
                        busy.isEmpty(), busy));
            }
            return new CheckMultipleResult(batch.asked().start(), batch.asked().end(), batch.buffer().toString(), checked.start(),
                    checked.end(), answers);
        });
    }
}
