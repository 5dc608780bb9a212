package dev.almanac.query.calendar;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.access.CalendarAccessView;
import dev.almanac.query.access.CalendarAccesses;
import dev.almanac.query.web.QueryParameters;

/** The calendar's grants: who may do what on it, shown to its managers. */
@RestController
@RequestMapping("/api/v1/calendars")
@Tag(name = "Calendars", description = "Calendars as projected from almanac.calendars.v1 (eventually consistent)")
public class CalendarGrantsController {

    private final CalendarAccesses accesses;

    public CalendarGrantsController(CalendarAccesses accesses) {
        this.accesses = accesses;
    }

    @GetMapping("/{id}/grants")
    @Operation(summary = "Who may do what on a calendar",
            description = "The calendar's owner and its grants (freebusy, viewer, scheduler, manager), by user id; open is true while it "
                    + "has none, when every user is its scheduler (ADR 0027). Only the calendar's managers see it: an admin, "
                    + "its staff owner, or a user granted manager (403, rule role). One key lookup; the ETag is the calendar's "
                    + "version.")
    @ApiResponse(responseCode = "200", description = "The calendar's grants")
    @ProblemResponse(responseCode = "403", description = "The caller does not manage the calendar")
    @ProblemResponse(responseCode = "404", description = "No calendar has this id, or none the caller has a role on (ADR 0086)")
    public Mono<ResponseEntity<CalendarAccessView>> grants(@Parameter(description = "Calendar id", example = "cal-ballroom")
                                                           @PathVariable String id, ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        parameters.throwIfInvalid();
        Caller caller = Callers.of(exchange);
        return accesses.find(id)
                .switchIfEmpty(Mono.error(() -> Calendars.unknown(id)))
                .map(access -> {
                    if (!caller.sees(access.access())) {
                        throw Calendars.unknown(id);
                    }
                    if (!caller.holds(CalendarRole.MANAGER, access.access())) {
                        throw ProblemException.forbidden("id", "role", "manager", "the grants of calendar " + id
                                + " are shown to its managers; " + caller.actor() + " is not one");
                    }
                    return ResponseEntity.ok().eTag(Long.toString(access.version())).body(access);
                });
    }
}
