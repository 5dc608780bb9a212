package dev.almanac.commands.calendar;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.commands.web.Actors;
import dev.almanac.commands.web.CommandDispatcher;
import dev.almanac.commands.web.NewIds;
import dev.almanac.commands.web.Creation;
import dev.almanac.commands.web.Versions;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.platform.consistency.ConsistencyToken;

@RestController
@RequestMapping("/api/v1/calendars")
@Tag(name = "calendars", description = "Calendars that items and rule occurrences are booked on")
class CalendarController {

    private final CommandDispatcher commands;
    private final Actors actors;

    CalendarController(CommandDispatcher commands, Actors actors) {
        this.commands = commands;
        this.actors = actors;
    }

    @PostMapping
    @Operation(summary = "Create a calendar",
            description = "Creates a calendar with an IANA zone and a capacity (entries at the same instant). "
                    + "With a client-chosen id the request is idempotent: repeating it answers 200 with the same calendar.")
    Mono<ResponseEntity<CalendarResponse>> create(@Valid @RequestBody CreateCalendarRequest request, ServerWebExchange exchange) {
        CreateCalendar command = request.toCommand(() -> CalendarId.of(NewIds.of(exchange)));
        return commands.create(command, actors.metadataOf(exchange))
                .map(creation -> respond(command, creation));
    }

    private static ResponseEntity<CalendarResponse> respond(CreateCalendar command, Creation creation) {
        return ResponseEntity.status(creation.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/v1/calendars/" + command.calendarId()))
                .headers(Versions.written(ConsistencyToken.calendar(command.calendarId().value(), creation.version())))
                .body(CalendarResponse.of(command, creation.version()));
    }
}
