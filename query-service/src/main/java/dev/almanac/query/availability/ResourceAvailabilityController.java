package dev.almanac.query.availability;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.query.resource.ResourceView;
import dev.almanac.query.web.QueryParameters;

@RestController
@Tag(name = "Resource availability", description = """
        Availability and free slots of resources (SCH-AVAILABILITY, SCH-030 to SCH-034), computed from the projected resources \
        and the items that book them (eventually consistent). A resource is available where it is neither marked unavailable \
        nor booked by an item: it is one thing, so one booking makes it busy. Cancelled items do not count, and nothing is \
        told of the items that book it.""")
public class ResourceAvailabilityController {

    private final ResourceLoad resources;

    public ResourceAvailabilityController(ResourceLoad resources) {
        this.resources = resources;
    }

    @GetMapping("/api/v1/resources/{id}/availability")
    @Operation(summary = "Availability of a resource over a range",
            description = """
                    Whether the resource is neither booked nor unavailable at any instant of [from - buffer, till + buffer) \
                    (SCH-032: buffer default 15m), the ranges it is marked unavailable that overlap that, with their reasons, \
                    and the merged intervals in it during which items book it. status is unavailable when any unavailable range \
                    overlaps, else busy when any item books it, else available. from and till are RFC 3339 date-times with an \
                    offset, from before till, at most 31 days apart.""")
    @ApiResponse(responseCode = "200", description = "The resource's availability")
    @ProblemResponse(responseCode = "400", description = "A parameter is missing or invalid; errors[].field and errors[].rule name it")
    @ProblemResponse(responseCode = "404", description = "No resource has this id")
    public Mono<ResourceAvailabilityReport> availability(
            @Parameter(description = "Resource id", example = "res-projector") @PathVariable String id,
            @Parameter(description = "Range start, inclusive", example = "2026-12-01T00:00:00Z") @RequestParam("from") String from,
            @Parameter(description = "Range end, exclusive", example = "2026-12-08T00:00:00Z") @RequestParam("till") String till,
            @Parameter(description = "Time that must also be clear before from and after till, 0m to 24h (SCH-032: default 15m)",
                    example = "15m")
            @RequestParam(name = "buffer", required = false) @Nullable String buffer) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        TimeRange range = AvailabilityRequests.range(parameters, "from", from, "till", till);
        Duration margin = Durations.read(parameters, "buffer", buffer, AvailabilityRequests.BUFFER, AvailabilityRequests.DEFAULT_BUFFER);
        parameters.throwIfInvalid();
        TimeRange asked = Objects.requireNonNull(range);
        Duration kept = Objects.requireNonNull(margin);
        TimeRange checked = AvailabilityRequests.widened(asked, kept);
        return AvailabilityEngine.one(resources, id, checked).map(found -> ResourceAvailabilityReport.of(found.bookable(), asked.start(),
                asked.end(), kept.toString(), checked.start(), checked.end(), found.occupancy()));
    }

    @GetMapping("/api/v1/resources/{id}/availability/slots")
    @Operation(summary = "Free slots of a resource",
            description = """
                    Candidate slots start every `increment` on the wall clock of `timezone` (default: the resource's zone), \
                    counted from local midnight, and last `duration`; only candidates wholly inside [from, till) are \
                    considered. A local time that a spring-forward gap skips gives no slot; one that a fall-back overlap \
                    repeats gives a slot at each of its two instants. A slot is free when, over [start - buffer, end + buffer), \
                    no item books the resource and it is not marked unavailable. from and till are RFC 3339 date-times with an \
                    offset, from before till, at most 31 days apart. Durations read like 30m, 1h30m, 90s or ISO-8601 PT30M.""")
    @ApiResponse(responseCode = "200", description = "The free slots, by start, and the parameters used")
    @ProblemResponse(responseCode = "400", description = "A parameter is missing or invalid; errors[].field and errors[].rule name it")
    @ProblemResponse(responseCode = "404", description = "No resource has this id")
    public Mono<ResourceFreeSlots> slots(
            @Parameter(description = "Resource id", example = "res-projector") @PathVariable String id,
            @Parameter(description = "Range start, inclusive", example = "2026-12-01T00:00:00Z") @RequestParam("from") String from,
            @Parameter(description = "Range end, exclusive", example = "2026-12-08T00:00:00Z") @RequestParam("till") String till,
            @Parameter(description = "Length of a slot, 1m to 7 days; default: the increment", example = "1h")
            @RequestParam(name = "duration", required = false) @Nullable String duration,
            @Parameter(description = "Spacing of candidate starts, 5m to 24h, dividing a day evenly (SCH-034: default 30m)", example = "30m")
            @RequestParam(name = "increment", required = false) @Nullable String increment,
            @Parameter(description = "Time that must also be clear before and after a slot, 0m to 24h (SCH-032: default 15m)", example = "15m")
            @RequestParam(name = "buffer", required = false) @Nullable String buffer,
            @Parameter(description = "IANA zone whose wall clock aligns the slots; default: the resource's", example = "America/New_York")
            @RequestParam(name = "timezone", required = false) @Nullable String timezone) {
        SlotRequest request = SlotRequest.require(id, from, till, duration, increment, buffer, timezone);
        return AvailabilityEngine.slots(resources, id, request).map(found -> new ResourceFreeSlots(id, found.clock(),
                request.asked().start(), request.asked().end(), request.length().toString(), request.increment().toString(),
                request.buffer().toString(), found.free()));
    }

    @PostMapping("/api/v1/resources/availability/check-multiple")
    @Operation(summary = "Check the availability of several resources",
            description = """
                    For each of 1 to 50 distinct resources (SCH-033), whether it is neither booked nor unavailable at any \
                    instant of [from - buffer, till + buffer) (SCH-032: buffer default 15m), the unavailable ranges and the \
                    merged booked intervals of that range, and with include_slots its free slots inside [from, till) on its \
                    own wall clock (duration default the increment, increment default 30m, SCH-034). A resource that does not \
                    exist is answered in its place with status `unknown`, not as an error, so that one stale id does not fail \
                    the batch. The answers follow the order of resource_ids. This is a read: it changes nothing, and may be \
                    repeated.""")
    @ApiResponse(responseCode = "200", description = "One answer per resource")
    @ProblemResponse(responseCode = "400", description = """
            The body is invalid: errors[].field and errors[].rule name each problem (max_batch above 50 ids, unique for a \
            repeated id, format for an id no resource could have, max_range_days, after_from, and the rules of a duration)""")
    public Mono<ResourceCheckMultipleResult> checkMultiple(@RequestBody ResourceCheckMultipleRequest request, ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        AvailabilityRequests.Batch read = AvailabilityRequests.batch(parameters, "resource_ids", "resource", request.resourceIds(),
                request.from(), request.till(), request.buffer());
        boolean withSlots = Boolean.TRUE.equals(request.includeSlots());
        Duration step = Durations.read(parameters, "increment", request.increment(), AvailabilityRequests.INCREMENT,
                AvailabilityRequests.DEFAULT_INCREMENT);
        Duration length = Durations.read(parameters, "duration", request.duration(), AvailabilityRequests.DURATION, step);
        parameters.throwIfInvalid();
        AvailabilityRequests.Batch batch = Objects.requireNonNull(read);
        SlotRequest slots = new SlotRequest(batch.asked(), Objects.requireNonNull(length), Objects.requireNonNull(step), batch.buffer(), null);
        TimeRange checked = batch.checked();
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        return AvailabilityEngine.each(resources, batch.ids(), checked).map(each -> {
            List<ResourceAvailability> answers = new ArrayList<>(each.size());
            // Resources on one wall clock share their candidate slots: fifty resources have a handful of zones.
            Map<ZoneId, long[]> candidates = new HashMap<>();
            for (AvailabilityEngine.Answer<ResourceView, ResourceOccupancy> answer : each) {
                // A resource of another tenant is answered as one that does not exist (ADR 0102).
                if (answer.found() == null || caller != null && !caller.mayKnow(answer.id())) {
                    answers.add(ResourceAvailability.unknown(answer.id()));
                    continue;
                }
                ResourceView resource = answer.found().bookable();
                ResourceOccupancy occupancy = answer.found().occupancy();
                FreeSlotList free = withSlots ? slots.freeSlots(resource.timezone(),
                        candidates.computeIfAbsent(resource.timezone(), slots::candidateStarts), occupancy.blocked()) : null;
                answers.add(ResourceAvailability.of(resource, occupancy, free));
            }
            return new ResourceCheckMultipleResult(batch.asked().start(), batch.asked().end(), batch.buffer().toString(), checked.start(),
                    checked.end(), withSlots ? slots.length().toString() : null, withSlots ? slots.increment().toString() : null, answers);
        });
    }
}
