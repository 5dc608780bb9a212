package dev.almanac.commands.rule;

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
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.problem.ProblemException;

/** Reminders before each occurrence of a rule (seed 004, ADR 0079): the dispatcher sends each, at the occurrence's start less its minutes. */
@RestController
@RequestMapping("/api/v1/schedules/rules/{id}/reminders")
@Tag(name = "rules", description = "Recurring rules: a cron or an RRULE in an IANA zone")
class RuleReminderController {

    private final CommandDispatcher commands;

    RuleReminderController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(summary = "Remind a user before each occurrence of a rule",
            description = "Reminds user (the caller when left out) minutes_before minutes before each occurrence's start instant, "
                    + "exact across DST changes: a notification whose title shows the start in timezone (the rule's when left "
                    + "out). minutes_before is 0 to " + ReminderRequest.MAX_MINUTES_BEFORE + " (400, rules before_start and max). "
                    + "A change of the rule moves its reminders with its occurrences; a cancelled occurrence sends none. One for "
                    + "oneself needs any role on the rule's queue, one for another user the scheduler role (403). A deleted rule "
                    + "takes none (409, rule deleted); a rule has at most " + RuleReminders.MAX_REMINDERS + " (409, rule "
                    + "max_reminders). With an id of its own the request is idempotent. 201 for a new one.")
    Mono<ResponseEntity<ReminderResponse>> set(
            @PathVariable String id,
            @Valid @RequestBody ReminderRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        RuleId ruleId = PathIds.parse("id", id, RuleId::of);
        int minutes = request.checkedMinutes();
        CommandMetadata metadata = commands.metadataOf(exchange);
        ReminderId reminderId = ReminderId.of(request.id() == null ? NewIds.of(exchange) : request.id());
        SetRuleReminder command = new SetRuleReminder(ruleId, reminderId, request.userOr(metadata.actor()), minutes, request.zone(),
                Versions.expected(ifMatch));
        return commands.<RuleReminderChanged>send(command, metadata, () -> notFound(ruleId))
                .map(done -> ResponseEntity.status(done.changed() ? HttpStatus.CREATED : HttpStatus.OK)
                        .headers(Versions.written(ConsistencyToken.rule(ruleId.value(), done.version())))
                        .body(response(ruleId, reminderId, done)));
    }

    @DeleteMapping("/{reminderId}")
    @Operation(summary = "Remove a reminder from a rule",
            description = "None of the rule's occurrences sends it any more. 404 (rule exists) when the rule has no such "
                    + "reminder. One's own needs any role on the rule's queue, another user's the scheduler role (403).")
    Mono<ResponseEntity<ReminderResponse>> remove(
            @PathVariable String id,
            @PathVariable String reminderId,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        RuleId ruleId = PathIds.parse("id", id, RuleId::of);
        ReminderId reminder = PathIds.parse("reminderId", reminderId, ReminderId::of);
        return commands.<RuleReminderChanged>send(new RemoveRuleReminder(ruleId, reminder, Versions.expected(ifMatch)),
                        commands.metadataOf(exchange), () -> notFound(ruleId))
                .map(done -> Versions.ok(ConsistencyToken.rule(ruleId.value(), done.version())).body(response(ruleId, reminder, done)));
    }

    private static ReminderResponse response(RuleId ruleId, ReminderId reminderId, RuleReminderChanged done) {
        return new ReminderResponse(null, ruleId.value(), reminderId.value(), done.userId().value(), done.minutesBefore(),
                done.timezone().getId(), null, done.version(), null);
    }

    private static ProblemException notFound(RuleId ruleId) {
        return ProblemException.notFound("id", "no rule " + ruleId);
    }
}
