package dev.almanac.commands.resource;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.commands.web.CommandDispatcher;
import dev.almanac.commands.web.NewIds;
import dev.almanac.commands.web.PathIds;
import dev.almanac.commands.web.Versions;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.problem.ProblemException;

@RestController
@RequestMapping("/api/v1/resources")
@Tag(name = "resources", description = "Resources that items book besides their calendar, and when they are unavailable")
class ResourceController {

    private final CommandDispatcher commands;

    ResourceController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(summary = "Create a resource",
            description = "Creates a venue, staff member, piece of equipment or other resource (type venue, staff, equipment or "
                    + "other) with a name and the IANA zone its free slots are laid out in. It is available at every instant "
                    + "until marked otherwise (SCH-030). Items book it by naming it in resources[] when they are scheduled. With "
                    + "a client-chosen id the request is idempotent: repeating it answers 200 with the same resource.")
    Mono<ResponseEntity<ResourceResponse>> create(@Valid @RequestBody CreateResourceRequest request, ServerWebExchange exchange) {
        CreateResource command = request.toCommand(() -> ResourceId.of(NewIds.of(exchange)));
        return commands.create(command, exchange)
                .map(creation -> creation.answer("/api/v1/resources/" + command.resourceId(),
                                ConsistencyToken.resource(command.resourceId().value(), creation.version()))
                        .body(ResourceResponse.of(command, creation.version())));
    }

    @PostMapping("/{id}/availability/mark-unavailable")
    @Operation(summary = "Mark a resource unavailable over a range",
            description = "The resource is unavailable over [start, end), for the reason given (at most 256 characters). Its "
                    + "unavailable ranges may not overlap (SCH-031): a range that overlaps one already marked is refused with 409 "
                    + "naming that range, unless it is the very same range with the same reason, which changes nothing (200, same "
                    + "version). Ranges that only touch do not overlap. Items that book the resource in the range are not moved "
                    + "or refused; conflict-detector reports them. A resource holds at most 1,000 unavailable ranges that have "
                    + "not ended (409, rule max_unavailable_ranges). Only the resource's creator or an admin may (403, rule "
                    + "resource_owner; anyone in development mode). If-Match: \"<version>\" turns a lost update into 412.")
    Mono<ResponseEntity<AvailabilityChangeResponse>> markUnavailable(
            @PathVariable String id,
            @Valid @RequestBody AvailabilityRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        return mark(id, request, ifMatch, exchange, "unavailable", MarkResourceUnavailable::new);
    }

    @PostMapping("/{id}/availability/mark-available")
    @Operation(summary = "Mark a resource available over a range",
            description = "The resource is available over [start, end): every unavailable range is cut back to what lies outside "
                    + "it, so a longer range around it is split in two, each part keeping its reason. Where the resource is "
                    + "already available throughout, nothing changes (200, same version). Only the resource's creator or an admin "
                    + "may (403, rule resource_owner; anyone in development mode). If-Match: \"<version>\" turns a lost update "
                    + "into 412.")
    Mono<ResponseEntity<AvailabilityChangeResponse>> markAvailable(
            @PathVariable String id,
            @Valid @RequestBody AvailabilityRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        return mark(id, request, ifMatch, exchange, "available", MarkResourceAvailable::new);
    }

    /** Marks the range the request names {@code availability} with the command {@code marking} makes of it. */
    private Mono<ResponseEntity<AvailabilityChangeResponse>> mark(String id, AvailabilityRequest request, @Nullable String ifMatch,
                                                                  ServerWebExchange exchange, String availability, Marking marking) {
        ResourceId resourceId = PathIds.parse("id", id, ResourceId::of);
        AvailabilityRequest range = request.checked();
        Object command = marking.of(resourceId, range.start(), range.end(), range.trimmedReason(), Versions.expected(ifMatch));
        return commands.<Long>send(command, exchange, () -> ProblemException.notFound("id", "no resource " + resourceId))
                .map(version -> Versions.ok(ConsistencyToken.resource(resourceId.value(), version))
                        .body(new AvailabilityChangeResponse(resourceId.value(), availability, range.start(), range.end(),
                                range.trimmedReason(), version)));
    }

    /** The command that marks a range of a resource: {@link MarkResourceAvailable} or {@link MarkResourceUnavailable}. */
    @FunctionalInterface
    private interface Marking {
        Object of(ResourceId resourceId, Instant start, Instant end, @Nullable String reason, @Nullable Long expectedVersion);
    }
}
