package dev.almanac.commands.calendar;

import java.util.function.LongFunction;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.commands.web.CommandDispatcher;
import dev.almanac.commands.web.NewIds;
import dev.almanac.commands.web.PathIds;
import dev.almanac.commands.web.Reasons;
import dev.almanac.commands.web.Versions;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.problem.ProblemException;

@RestController
@RequestMapping("/api/v1/calendars")
@Tag(name = "calendars", description = "Calendars that items and rule occurrences are booked on")
class CalendarController {

    private final CommandDispatcher commands;

    CalendarController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(summary = "Create a calendar",
            description = "Creates a calendar with an IANA zone and a capacity (entries at the same instant), and optionally "
                    + "a description, an owner and its item durations (min_duration, max_duration, default_duration). "
                    + "With a client-chosen id the request is idempotent: repeating it answers 200 with the same calendar.")
    Mono<ResponseEntity<CalendarResponse>> create(@Valid @RequestBody CreateCalendarRequest request, ServerWebExchange exchange) {
        CreateCalendar command = request.toCommand(() -> CalendarId.of(NewIds.of(exchange)));
        Caller caller = Callers.of(exchange);
        return commands.create(command, exchange)
                .map(creation -> {
                    long version = creation.repeated() ? creation.version() : Calendar.versionCreatedBy(command, caller);
                    return creation.answer("/api/v1/calendars/" + command.calendarId(),
                                    ConsistencyToken.calendar(command.calendarId().value(), version))
                            .body(CalendarResponse.of(command.calendarId(), command.definition(), true, version));
                });
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a calendar's definition",
            description = "Takes the same body as the creation and replaces the whole definition; fields left out take their "
                    + "defaults again. A definition equal to the current one changes nothing. Less capacity, or a switch to "
                    + "overbooking_policy block, is refused (409, rule SCH-023) while more items than the new capacity are "
                    + "booked at one moment from now on; the answer names that moment and those items. A deactivated calendar "
                    + "cannot be changed (409, rule inactive). Only a manager of the calendar may change it (403, rule role). "
                    + "If-Match: \"<version>\" turns a lost update into 412.")
    Mono<ResponseEntity<CalendarResponse>> update(
            @PathVariable String id,
            @Valid @RequestBody CreateCalendarRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        CalendarId calendarId = PathIds.parse("id", id, CalendarId::of);
        UpdateCalendar command = request.toUpdate(calendarId, Versions.expected(ifMatch));
        return answer(calendarId, command, exchange, version -> CalendarResponse.of(calendarId, command.definition(), true, version));
    }

    @PostMapping("/{id}/deactivate")
    @Operation(summary = "Deactivate a calendar",
            description = "The calendar takes no new items or rules from now on (409, rule inactive); what it holds stays on it "
                    + "and in every view, and its items can still be moved, confirmed and cancelled. Deactivating a "
                    + "deactivated calendar changes nothing. The body, with an optional reason of at most 256 characters, "
                    + "may be left out. Only a manager of the calendar may deactivate it (403, rule role). If-Match: \"<version>\" "
                    + "turns a lost update into 412.")
    Mono<ResponseEntity<DeactivationResponse>> deactivate(
            @PathVariable String id,
            @Valid @RequestBody(required = false) @Nullable DeactivateRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        CalendarId calendarId = PathIds.parse("id", id, CalendarId::of);
        String reason = request == null ? null : request.reason();
        DeactivateCalendar command = new DeactivateCalendar(calendarId, reason, Versions.expected(ifMatch));
        return answer(calendarId, command, exchange, version -> new DeactivationResponse(calendarId.value(), false, reason, version));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a calendar",
            description = "Seed 003's deletion, as an event-sourced system deletes (ADR 0084): a tombstone event, CalendarDeleted, "
                    + "ends the calendar's stream. Only an empty calendar is deleted: while any item holds a place on it (one neither "
                    + "cancelled nor deleted, past items included) the deletion is refused (409, rule not_empty, naming some of "
                    + "them). Afterwards the calendar is in no list, and every read of it, its views, entries and exports answer "
                    + "404; every command on it answers 404 (rule deleted), and new items and rules on it are refused (409, rule "
                    + "deleted). Its history stays in the event store and on almanac.calendars.v1; rules whose queue it was are "
                    + "not deleted with it. reason, at most 256 characters, is kept on the event. Only a manager of the calendar "
                    + "may delete it (403, rule role). If-Match: \"<version>\" turns a lost update into 412.")
    Mono<ResponseEntity<CalendarDeletionResponse>> delete(
            @PathVariable String id,
            @Parameter(description = "Why the calendar is deleted, at most 256 characters", schema = @Schema(maxLength = Reasons.MAX_LENGTH)) @Nullable
            @RequestParam(name = "reason", required = false) String reason,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        CalendarId calendarId = PathIds.parse("id", id, CalendarId::of);
        Reasons.checked(reason);
        DeleteCalendar command = new DeleteCalendar(calendarId, reason, Versions.expected(ifMatch));
        return answer(calendarId, command, exchange, version -> new CalendarDeletionResponse(calendarId.value(), true, reason, version));
    }

    @PostMapping("/{id}/grants")
    @Operation(summary = "Give a user a role on a calendar",
            description = "Grants user_id the role freebusy, viewer, scheduler or manager on the calendar, in place of any role they had "
                    + "(freebusy sees only when the calendar is busy, and writes nothing: ADR 0096); "
                    + "granting the role a user has changes nothing. Only a manager of the calendar may grant (403, rule role): "
                    + "an admin, the user who owns it (owner.type staff), or a user granted manager. A calendar without grants "
                    + "is open: every user is its scheduler; its first grant admits only the users granted a role (ADR 0027). "
                    + "If-Match: \"<version>\" turns a lost update into 412.")
    Mono<ResponseEntity<GrantResponse>> grant(
            @PathVariable String id,
            @Valid @RequestBody GrantRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        CalendarId calendarId = PathIds.parse("id", id, CalendarId::of);
        GrantCalendarAccess command = new GrantCalendarAccess(calendarId, UserId.of(request.userId()), request.role(),
                request.reason(), Versions.expected(ifMatch));
        return answer(calendarId, command, exchange,
                version -> new GrantResponse(calendarId.value(), request.userId(), request.role(), version));
    }

    @DeleteMapping("/{id}/grants/{user}")
    @Operation(summary = "Withdraw a user's role on a calendar",
            description = "Revokes the user's grant; a user without one changes nothing (200, same version). Only a manager of "
                    + "the calendar may revoke (403, rule role). Revoking the last grant opens the calendar to every scheduler "
                    + "again. If-Match: \"<version>\" turns a lost update into 412.")
    Mono<ResponseEntity<GrantResponse>> revoke(
            @PathVariable String id,
            @PathVariable String user,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        CalendarId calendarId = PathIds.parse("id", id, CalendarId::of);
        UserId userId = PathIds.parse("user", user, UserId::of);
        RevokeCalendarAccess command = new RevokeCalendarAccess(calendarId, userId, Versions.expected(ifMatch));
        return answer(calendarId, command, exchange, version -> new GrantResponse(calendarId.value(), userId.value(), null, version));
    }

    /** Sends a command on the calendar and answers 200 with what {@code body} makes of the calendar's new version. */
    private <T> Mono<ResponseEntity<T>> answer(CalendarId calendarId, Object command, ServerWebExchange exchange,
                                               LongFunction<T> body) {
        return commands.<Long>send(command, exchange, () -> ProblemException.notFound("id", "no calendar " + calendarId))
                .map(version -> Versions.ok(ConsistencyToken.calendar(calendarId.value(), version)).body(body.apply(version)));
    }
}
