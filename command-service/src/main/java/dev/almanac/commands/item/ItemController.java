package dev.almanac.commands.item;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.web.CommandDispatcher;
import dev.almanac.commands.web.NewIds;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.commands.web.ConsistencyTokenOpenApi;
import dev.almanac.commands.web.PathIds;
import dev.almanac.commands.web.Reasons;
import dev.almanac.commands.web.Versions;
import dev.almanac.commands.web.Zones;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.problem.ProblemException;

@RestController
@RequestMapping("/api/v1/schedules")
@Tag(name = "schedules", description = "One-off items on calendars")
class ItemController {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("hh:mm a z", Locale.US);

    private final CommandDispatcher commands;
    private final Calendars calendars;

    ItemController(CommandDispatcher commands, Calendars calendars) {
        this.commands = commands;
        this.calendars = calendars;
    }

    @PostMapping
    @Operation(summary = "Schedule a one-off item",
            description = "Puts an item on a calendar for [start, end); instead of end, a duration (1h30m), or neither, "
                    + "for the calendar's default_duration (400, rule required, if it has none). Rules: SCH-001 end after "
                    + "start, SCH-002 and SCH-003 the calendar's min_duration and max_duration (15 minutes and 30 days "
                    + "unless it says otherwise), SCH-004 not in the past; a deactivated calendar takes nothing new (409, "
                    + "rule inactive); on a calendar that blocks overbooking, SCH-023 refuses a slot beyond its capacity "
                    + "(409); one that warns accepts it with a SCH-023 warning, and both warn at 80 % of capacity "
                    + "(SCH-022) in warnings[]. Scheduling needs the scheduler role on the calendar (403, rule role); the scheduler "
                    + "becomes the item's owner, the one user besides the calendar's managers who may change it (ADR 0090). A "
                    + "manager may pass override: {reason} to admit the item past a blocking calendar's capacity (SCH-021; "
                    + "403 for anyone else; 400 SCH-024 without a reason); the event records who overrode and why. "
                    + "resources[] names the resources the item books ({resource_id, role primary or secondary}), each once "
                    + "(400, rule unique) and each existing (422, rule exists); a booking over a time a resource is "
                    + "unavailable or already booked is accepted, and conflict-detector reports it. metadata is a free-form "
                    + "object kept with the item; source is manual (default) or api. With a "
                    + "client-chosen id the request is idempotent.")
    Mono<ResponseEntity<ItemResponse>> schedule(@Valid @RequestBody ScheduleItemRequest request, ServerWebExchange exchange) {
        Mono<Optional<Duration>> fallback = request.needsDefaultDuration()
                ? Mono.fromCallable(() -> defaultDuration(request.calendar())).subscribeOn(Schedulers.boundedElastic())
                : Mono.just(Optional.empty());
        return fallback.flatMap(duration -> schedule(request.toCommand(() -> ItemId.of(NewIds.of(exchange)),
                () -> duration.orElseThrow(() -> ProblemException.invalid("end", "required", "calendar " + request.calendarId()
                        + " has no default_duration: give end or duration"))), exchange));
    }

    private Optional<Duration> defaultDuration(CalendarId calendarId) {
        return calendars.find(calendarId).orElseThrow(() -> ProblemException.unprocessable("calendar_id", "exists",
                        "calendar_id " + calendarId + " names no calendar"))
                .itemDurations().defaultDuration();
    }

    private Mono<ResponseEntity<ItemResponse>> schedule(ScheduleItem command, ServerWebExchange exchange) {
        return commands.create(command, exchange)
                .map(creation -> creation.answer("/api/v1/schedules/" + command.itemId(),
                                ConsistencyToken.item(command.itemId().value(), creation.version()))
                        .body(ItemResponse.of(command, creation.version(), Callers.of(exchange).actor(), creation.warnings())));
    }

    @PostMapping("/{id}/reschedule")
    @Operation(summary = "Reschedule an item",
            description = "Moves the item to start at new_time, keeping its duration, and in the same transaction moves its "
                    + "followers (LNK-PAIR) by the same amount; with cascade: true also every item that depends on it, "
                    + "directly or through others, and their followers: at most " + ItemMoves.MAX_CASCADE + " items in all "
                    + "(409, rule max_cascade). Every moved item is checked as a single reschedule is (SCH-004, started, "
                    + "cancelled items are skipped, SCH-023 against its calendar as the whole move leaves it), and either "
                    + "all move or none does; a refused follower is named under new_time, a refused dependent under cascade. "
                    + "A follower moves only with its primary (409, rule linked). Needs, for every moved item, its owner with "
                    + "the scheduler role on its calendar or a manager there (403, rule owner; ADR 0090), and the manager role where an item starts, or would start, within 2 hours (403, "
                    + "SCH-005). A manager may pass override: {reason} to admit the move past a blocking calendar's capacity "
                    + "(SCH-021, SCH-024). moved_with lists every item moved along, each with its own version and "
                    + "consistency_token. If-Match: \"<version>\" (of this item) turns a lost update into 412. notify: true tells "
                    + "the people of each moved item (its scheduler and the users named on it, not the mover) in the "
                    + "notification centre (ADR 0079).")
    Mono<ResponseEntity<RescheduleResponse>> reschedule(
            @PathVariable String id,
            @Valid @RequestBody RescheduleRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        ItemId itemId = PathIds.parse("id", id, ItemId::of);
        ZoneId display = request.timezone() == null ? null : Zones.parse("timezone", request.timezone());
        CommandMetadata metadata = commands.metadataOf(exchange);
        MoveItem command = new MoveItem(itemId, request.newTime(), request.reason(), Versions.expected(ifMatch),
                Boolean.TRUE.equals(request.cascade()),
                OverrideRequest.reasonOf(request.override()), Boolean.TRUE.equals(request.notifyParticipants()));
        return commands.<MovedTogether>send(command, metadata, () -> ProblemException.notFound("id", "no item " + id))
                .map(together -> {
                    Rescheduled done = together.item();
                    List<RescheduleResponse.MovedItem> movedWith = together.carried().stream()
                            .map(carried -> new RescheduleResponse.MovedItem(carried.itemId().value(),
                                    carried.relation().name().toLowerCase(Locale.ROOT), carried.moved().previousStart(),
                                    carried.moved().start(), carried.moved().eventId(), carried.moved().version(),
                                    ConsistencyToken.item(carried.itemId().value(), carried.moved().version()).encode(),
                                    carried.moved().warnings()))
                            .toList();
                    return Versions.ok(ConsistencyToken.item(itemId.value(), done.version()))
                            .body(new RescheduleResponse(itemId.value(), done.previousStart(), done.start(),
                                    LOCAL_TIME.format(done.start().atZone(display == null ? done.timezone() : display)),
                                    done.at(), metadata.actor(), done.eventId(), done.warnings(), movedWith));
                });
    }

    @PostMapping("/bulk-reschedule")
    @Operation(summary = "Reschedule several items at once, all or nothing",
            description = "Moves each job's item to start at its new_time, keeping its duration; at most "
                    + BulkRescheduleRequest.MAX_BATCH + " jobs (400, rule max_batch), each item once (400, rule unique). "
                    + "Every move is checked as a single reschedule is (SCH-001..004; a cancelled item: rule cancelled; "
                    + "on a calendar that blocks overbooking, SCH-023 against the calendar as the whole batch leaves it), "
                    + "and an optional expected_version per job must be the item's current version (rule "
                    + "current_version). Either every move is applied, in one transaction, or none is: a refusal "
                    + "names each refused move in errors[] by its index (jobs[3].new_time) and is 400 if any move is "
                    + "invalid, else 422 if any names no item (rule exists), else 409. An item's followers (LNK-PAIR) move "
                    + "with it by the same amount (a refused follower is named under its primary's jobs[i].new_time); a "
                    + "follower named on its own is refused (rule linked). The answer lists each job's old "
                    + "and new time, its new version and its own consistency_token, and the followers moved; it has no ETag "
                    + "or Almanac-Consistency-Token header, which name one entity.",
            extensions = @Extension(properties = @ExtensionProperty(
                    name = ConsistencyTokenOpenApi.TOKENS_IN_BODY, value = "jobs[].consistency_token")))
    Mono<ResponseEntity<BulkRescheduleResponse>> bulkReschedule(
            @Valid @RequestBody BulkRescheduleRequest request, ServerWebExchange exchange) {
        ZoneId display = request.timezone() == null ? null : Zones.parse("timezone", request.timezone());
        RescheduleItems command = request.toCommand();
        CommandMetadata metadata = commands.metadataOf(exchange);
        return commands.<ItemsRescheduled>send(command, metadata,
                        () -> ProblemException.unprocessable("jobs", "exists", "an item of the batch does not exist"))
                .map(done -> {
                    List<BulkRescheduleResponse.Job> jobs = new ArrayList<>();
                    for (RescheduleItems.Move move : command.moves()) {
                        Rescheduled moved = done.moves().get(move.index());
                        String itemId = move.itemId().value();
                        jobs.add(new BulkRescheduleResponse.Job(itemId, moved.previousStart(), moved.start(),
                                LOCAL_TIME.format(moved.start().atZone(display == null ? moved.timezone() : display)),
                                moved.at(), moved.eventId(), moved.version(),
                                ConsistencyToken.item(itemId, moved.version()).encode()));
                    }
                    List<BulkRescheduleResponse.Follower> followers = done.followers().stream()
                            .map(carried -> new BulkRescheduleResponse.Follower(carried.index(), carried.itemId().value(),
                                    carried.moved().previousStart(), carried.moved().start(), carried.moved().eventId(),
                                    carried.moved().version(),
                                    ConsistencyToken.item(carried.itemId().value(), carried.moved().version()).encode()))
                            .toList();
                    return ResponseEntity.ok().body(new BulkRescheduleResponse(jobs, command.reason(), metadata.actor(), followers));
                });
    }

    @PostMapping("/{id}/confirm")
    @Operation(summary = "Confirm an item",
            description = "Confirms the item where it is now scheduled (SCH-STATUS). Confirming a confirmed item changes "
                    + "nothing; a reschedule withdraws the confirmation. Only its owner, with the scheduler role, or a manager of "
                    + "its calendar may (403, rule owner; ADR 0090). A cancelled item cannot be confirmed (409, rule "
                    + "cancelled). If-Match: \"<version>\" turns a lost update into 412.")
    Mono<ResponseEntity<StatusResponse>> confirm(
            @PathVariable String id,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        ItemId itemId = PathIds.parse("id", id, ItemId::of);
        CommandMetadata metadata = commands.metadataOf(exchange);
        return answer(itemId, new ConfirmItem(itemId, Versions.expected(ifMatch)), metadata);
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel (unschedule) an item",
            description = "Takes the item off its calendar and frees its place for other bookings, and its followers (LNK-PAIR) "
                    + "with it, in the same transaction; cancelled_with lists them, each with its version and "
                    + "consistency_token. A follower is cancelled only with its primary (409, rule linked), unless its primary is "
                    + "cancelled already: then it may be cancelled on its own, by its owner or a manager of its calendar and with "
                    + "SCH-005 as for any cancellation, which repairs the orphaned link; the pair stays linked, cancelled on "
                    + "both sides (ADR 0030). The body, with an "
                    + "optional reason of at most 256 characters, may be left out. Only the owner of each item cancelled, with "
                    + "the scheduler role, or a manager of its calendar may cancel it (403, rule owner; ADR 0090). An item is cancelled once: a second "
                    + "cancel, and any later reschedule or confirm, is refused (409, rule cancelled); only an undo within 5 "
                    + "minutes brings it back. If-Match: "
                    + "\"<version>\" turns a lost update into 412.")
    Mono<ResponseEntity<StatusResponse>> cancel(
            @PathVariable String id,
            @Valid @RequestBody(required = false) @Nullable CancelRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        ItemId itemId = PathIds.parse("id", id, ItemId::of);
        String reason = request == null ? null : request.reason();
        CommandMetadata metadata = commands.metadataOf(exchange);
        return commands.<CancelledTogether>send(new UnscheduleItem(itemId, reason, Versions.expected(ifMatch)), metadata,
                        () -> ProblemException.notFound("id", "no item " + itemId))
                .map(together -> {
                    StatusChanged done = together.item();
                    List<StatusResponse.ChangedItem> followers = together.followers().stream()
                            .map(follower -> new StatusResponse.ChangedItem(follower.itemId().value(), follower.cancelled().eventId(),
                                    follower.cancelled().version(),
                                    ConsistencyToken.item(follower.itemId().value(), follower.cancelled().version()).encode()))
                            .toList();
                    return Versions.ok(ConsistencyToken.item(itemId.value(), done.version()))
                            .body(new StatusResponse(itemId.value(), done.calendarId().value(), done.status(),
                                    done.slot().start(), done.slot().end(), reason, done.at(), metadata.actor(), done.eventId(),
                                    done.version(), followers));
                });
    }

    @PostMapping("/{id}/undo")
    @Operation(summary = "Undo your last change to an item",
            description = "Within 5 minutes of it, the author of an item's last change can undo it (LNK-UNDO). The undo is a "
                    + "compensating event, never a deletion: a scheduling is undone by a cancellation, a reschedule by a move "
                    + "back (checked against the calendar's capacity, SCH-023, and SCH-004), a confirmation by its withdrawal "
                    + "(ItemUnconfirmed), a cancellation by a restoration (ItemRestored, checked against capacity; not on a "
                    + "deactivated calendar). Refused with 409: rule own_change when someone else made the last change, "
                    + "undo_window after 5 minutes, nothing_to_undo when the last change was itself an undo, linked when the "
                    + "item leads or follows a linked item and the undo would move, cancel or restore it. If-Match: "
                    + "\"<version>\" turns a lost update into 412.")
    Mono<ResponseEntity<StatusResponse>> undo(
            @PathVariable String id,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        ItemId itemId = PathIds.parse("id", id, ItemId::of);
        CommandMetadata metadata = commands.metadataOf(exchange);
        return answer(itemId, new UndoItem(itemId, Versions.expected(ifMatch)), metadata);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change an item's own fields",
            description = "Seed 003's update: changes the item's title, type, priority, tags and status; a field left out stays "
                    + "as it is, and a body that changes nothing applies nothing (the answer gives the current version). status "
                    + "moves along seed 003's transitions: tentative <-> scheduled, either -> rescheduling, confirmed -> "
                    + "rescheduling, rescheduling -> scheduled or tentative; confirmed and cancelled are reached only by POST "
                    + ".../confirm and .../cancel (409, rule status_transition, naming the way). A move ends rescheduling (the item "
                    + "is scheduled where it lands) and keeps tentative. Every other field of the item is read-only here: one in "
                    + "the body is refused (400, rule read_only, each named in errors[] with how to change it: start and end by "
                    + "POST .../reschedule). A cancelled item is not changed (409, rule cancelled), a deleted one is gone (404). "
                    + "Needs the item's owner with the scheduler role on its calendar, or a manager there (403, rule owner; "
                    + "ADR 0090), and the manager role from 2 hours before its start on (403, "
                    + "SCH-005). If-Match: \"<version>\" turns a lost update into 412. The event, ItemUpdated, carries the "
                    + "fields before and after.")
    Mono<ResponseEntity<ItemFieldsResponse>> update(
            @PathVariable String id,
            @Valid @RequestBody UpdateItemRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        ItemId itemId = PathIds.parse("id", id, ItemId::of);
        request.rejectReadOnly();
        CommandMetadata metadata = commands.metadataOf(exchange);
        return commands.<FieldsChanged>send(request.toCommand(itemId, Versions.expected(ifMatch)), metadata,
                        () -> ProblemException.notFound("id", "no item " + itemId))
                .map(done -> Versions.ok(ConsistencyToken.item(itemId.value(), done.version()))
                        .body(ItemFieldsResponse.of(itemId.value(), done, metadata.actor())));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete an item",
            description = "Seed 003's removal, as an event-sourced system removes (ADR 0084): a tombstone event, ItemDeleted, "
                    + "ends the item's stream. Its place is free at once; every view, list and window leaves it out, a read of it "
                    + "answers 404, its conflicts clear and its reminders are never sent; its history stays in the event store and "
                    + "on almanac.schedule.v1. It takes no further command (404) and cannot be undone. A cancelled item may be "
                    + "deleted too. An item linked with another (LNK-PAIR) is refused (409, rule linked: unlink it first), and so is "
                    + "one other items depend on (409, rule depended_on). reason, at most 256 characters, is kept on the event. "
                    + "Needs the item's owner with the scheduler role, or a manager of its calendar (403, rule owner; ADR 0090), "
                    + "and the manager role from 2 hours before the item's start on (403, SCH-005). "
                    + "If-Match: \"<version>\" turns a lost update into 412.")
    Mono<ResponseEntity<DeletionResponse>> delete(
            @PathVariable String id,
            @Parameter(description = "Why the item is deleted, at most 256 characters", schema = @Schema(maxLength = Reasons.MAX_LENGTH)) @Nullable
            @RequestParam(name = "reason", required = false) String reason,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        ItemId itemId = PathIds.parse("id", id, ItemId::of);
        Reasons.checked(reason);
        CommandMetadata metadata = commands.metadataOf(exchange);
        return commands.<FieldsChanged>send(new DeleteItem(itemId, reason, Versions.expected(ifMatch)), metadata,
                        () -> ProblemException.notFound("id", "no item " + itemId))
                .map(done -> Versions.ok(ConsistencyToken.item(itemId.value(), done.version()))
                        .body(new DeletionResponse(itemId.value(), done.calendarId().value(), true, reason, done.slot().start(),
                                done.slot().end(), done.at(), metadata.actor(), done.eventId(), done.version())));
    }

    /** Sends a confirmation or an undo, and answers the item's status. */
    private Mono<ResponseEntity<StatusResponse>> answer(ItemId itemId, Object command, CommandMetadata metadata) {
        return commands.<StatusChanged>send(command, metadata, () -> ProblemException.notFound("id", "no item " + itemId))
                .map(done -> Versions.ok(ConsistencyToken.item(itemId.value(), done.version()))
                        .body(new StatusResponse(itemId.value(), done.calendarId().value(), done.status(),
                                done.slot().start(), done.slot().end(), null, done.at(), metadata.actor(), done.eventId(),
                                done.version())));
    }
}
