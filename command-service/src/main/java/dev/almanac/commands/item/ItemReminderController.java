package dev.almanac.commands.item;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.commands.reminder.ReminderRequest;
import dev.almanac.commands.reminder.ReminderResponse;
import dev.almanac.commands.web.CommandDispatcher;
import dev.almanac.commands.web.NewIds;
import dev.almanac.commands.web.PathIds;
import dev.almanac.commands.web.Versions;
import dev.almanac.events.ReminderId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.problem.ProblemException;

/** Reminders before an item's start (seed 004, ADR 0079): the dispatcher sends each, and moves it with the item. */
@RestController
@RequestMapping("/api/v1/schedules/{id}/reminders")
@Tag(name = "schedules", description = "One-off items on calendars")
class ItemReminderController {

    private final CommandDispatcher commands;

    ItemReminderController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(summary = "Remind a user before an item starts",
            description = "Reminds user (the caller when left out) minutes_before minutes before the item's start instant, a "
                    + "notification whose title shows the start in timezone (the item's when left out). minutes_before is 0 to "
                    + ReminderRequest.MAX_MINUTES_BEFORE + " (400, rules before_start and max), and the reminder's instant must "
                    + "not have passed (400, rule before_start). A reschedule moves the reminder; a cancellation withdraws it. "
                    + "A reminder for oneself needs any role on the item's calendar, one for another user the scheduler role "
                    + "(403). A cancelled item takes none (409, rule cancelled); an item has at most "
                    + ItemReminderList.MAX_REMINDERS + " (409, rule max_reminders). With an id of its own the request is "
                    + "idempotent: the same reminder again answers 200, another under the id replaces it. 201 for a new one.")
    Mono<ResponseEntity<ReminderResponse>> set(
            @PathVariable String id,
            @Valid @RequestBody ReminderRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        ItemId itemId = PathIds.parse("id", id, ItemId::of);
        int minutes = request.checkedMinutes();
        CommandMetadata metadata = commands.metadataOf(exchange);
        ReminderId reminderId = ReminderId.of(request.id() == null ? NewIds.of(exchange) : request.id());
        SetItemReminder command = new SetItemReminder(itemId, reminderId, request.userOr(metadata.actor()), minutes, request.zone(),
                Versions.expected(ifMatch));
        return send(itemId, command, metadata)
                .map(done -> ResponseEntity.status(done.changed() ? HttpStatus.CREATED : HttpStatus.OK)
                        .headers(Versions.written(ConsistencyToken.item(itemId.value(), done.version())))
                        .body(response(itemId, reminderId, done)));
    }

    @DeleteMapping("/{reminderId}")
    @Operation(summary = "Remove a reminder from an item",
            description = "The reminder is not sent. 404 (rule exists) when the item has no such reminder. One's own needs any "
                    + "role on the item's calendar, another user's the scheduler role (403).")
    Mono<ResponseEntity<ReminderResponse>> remove(
            @PathVariable String id,
            @PathVariable String reminderId,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        ItemId itemId = PathIds.parse("id", id, ItemId::of);
        ReminderId reminder = PathIds.parse("reminderId", reminderId, ReminderId::of);
        return send(itemId, new RemoveItemReminder(itemId, reminder, Versions.expected(ifMatch)), commands.metadataOf(exchange))
                .map(done -> Versions.ok(ConsistencyToken.item(itemId.value(), done.version())).body(response(itemId, reminder, done)));
    }

    private static ReminderResponse response(ItemId itemId, ReminderId reminderId, ReminderChanged done) {
        return new ReminderResponse(itemId.value(), null, reminderId.value(), done.userId().value(), done.minutesBefore(),
                done.timezone().getId(), done.dueAt(), done.version(), done.eventId());
    }

    private Mono<ReminderChanged> send(ItemId itemId, Object command, CommandMetadata metadata) {
        return commands.send(command, metadata, () -> ProblemException.notFound("id", "no item " + itemId));
    }
}
