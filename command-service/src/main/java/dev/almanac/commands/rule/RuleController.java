package dev.almanac.commands.rule;

import java.time.Clock;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
import dev.almanac.commands.web.ConsistencyTokenOpenApi;
import dev.almanac.commands.web.NewIds;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.commands.web.PathIds;
import dev.almanac.commands.web.Versions;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

@RestController
@RequestMapping("/api/v1/schedules/rules")
@Tag(name = "rules", description = "Recurring rules: a cron or an RRULE in an IANA zone")
class RuleController {

    /** The most occurrences a preview shows. */
    static final int MAX_PREVIEW = 50;

    private final CommandDispatcher commands;
    private final Clock clock;

    RuleController(CommandDispatcher commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Create a recurring rule",
            description = "Scheduled by exactly one of: cron, in cron_dialect (unix, the default: 5 fields; quartz: 6 or 7 "
                    + "fields, seconds first, one day field ?; spring: 6 fields, seconds first), names such as MON and JAN "
                    + "accepted; rrule, an RFC 5545 RRULE value such as FREQ=MONTHLY;BYDAY=-1FR, with dtstart (an ISO local "
                    + "date-time in timezone, its DTSTART) and optional exdates and rdates (local date-times); or recurrence, "
                    + "a RecurrencePattern (SCH-RECURRENCE: type, interval, days_of_week, day_of_month, end_date, occurrence_count) "
                    + "with dtstart, read as the RRULE it means. Read as wall-clock time in timezone; occurrences land on the "
                    + "calendar named by queue and are materialised by rule-expander. In the unix dialect, when day-of-month "
                    + "and day-of-week are both restricted the rule fires when either matches, as in POSIX cron. The answer's "
                    + "description says when the rule fires. Refused with 400 naming the field: none or more than one "
                    + "schedule (one_of), an unreadable cron (cron_syntax) or rrule (rrule_syntax), one that never fires "
                    + "(never_fires, like 0 0 30 2 *), or asks beyond the engine's limits (limits). A user with the most rules "
                    + "allowed (F033-LIMIT-RULES: max_rules_per_user, 50 by default) is refused with 409 (max_rules_per_user).")
    Mono<ResponseEntity<CreateRuleResponse>> create(@Valid @RequestBody CreateRuleRequest request, ServerWebExchange exchange) {
        CreateRule command = request.toCommand(() -> RuleId.of(NewIds.of(exchange)), clock.instant());
        CommandMetadata metadata = commands.metadataOf(exchange);
        return commands.create(command, metadata)
                .map(creation -> creation.answer("/api/v1/schedules/rules/" + command.ruleId(),
                                ConsistencyToken.rule(command.ruleId().value(), creation.version()))
                        .body(created(command, metadata)));
    }

    @PostMapping("/preview")
    @Operation(summary = "Preview a new rule's next occurrences",
            description = "The body is a creation's, checked as a creation is and refused with the same problem: 400 naming "
                    + "the field and its rule (cron_syntax, rrule_syntax, never_fires, one_of, iana_zone, ...), 403 without "
                    + "the scheduler role on the queue (rule role), 422 for a queue or resource that does not exist, 409 for a "
                    + "deactivated queue. Nothing is stored and no event is written; the limit of rules per user is not "
                    + "checked. Answers the schedule in English, its zone, and its next count occurrences (10 by default, 1 to "
                    + "50) from now, or from its first start (dtstart) when that is later, each with the id, start and end "
                    + "rule-expander gives it (DST policy and jitter applied) and how its wall-clock time resolved "
                    + "(dst_resolution). Ids and jitter derive from the rule's id: send the id the rule will be created with "
                    + "to see exactly its occurrences. warnings, as a change request's: frequent (more than 24 a day), dst_gap "
                    + "and dst_overlap (a run in a daylight-saving gap or overlap within a year, and what the DST policy does "
                    + "with it), expired (every occurrence lies before now). UI-RULE-PREVIEW.",
            extensions = @Extension(properties = @ExtensionProperty(
                    name = ConsistencyTokenOpenApi.WRITES_NOTHING, value = "the rule's next occurrences; no consistency token")))
    @ApiResponse(responseCode = "200", description = "The rule's next occurrences and warnings; nothing was stored")
    @ProblemResponse(responseCode = "400", description = "Bad body or count; errors[].field names the field and errors[].rule the rule")
    @ProblemResponse(responseCode = "403", description = "The caller may not create a rule on the queue (rule role)")
    @ProblemResponse(responseCode = "409", description = "The queue is deactivated (rule inactive)")
    @ProblemResponse(responseCode = "422", description = "The queue or a resource does not exist (rule exists)")
    Mono<RulePreview> preview(
            @Valid @RequestBody CreateRuleRequest request,
            @Parameter(description = "How many occurrences, 1 to " + MAX_PREVIEW + " (400 naming count, rule range, otherwise)",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "" + MAX_PREVIEW,
                            defaultValue = "" + UpcomingOccurrences.DEFAULT_COUNT))
            @RequestParam(name = "count", required = false) @Nullable Integer count,
            ServerWebExchange exchange) {
        // Checked here, not by a constraint on the parameter: that would move the body's checks into method validation,
        // whose problems name the body instead of the field the creation's name.
        int shown = count == null ? UpcomingOccurrences.DEFAULT_COUNT : count;
        if (shown < 1 || shown > MAX_PREVIEW) {
            throw ProblemException.invalid("count", "range", "count must be 1 to " + MAX_PREVIEW + ", but was " + shown);
        }
        CreateRule rule = request.toCommand(() -> RuleId.of(NewIds.of(exchange)), clock.instant());
        return commands.send(new PreviewRule(rule, shown), exchange,
                () -> ProblemException.notFound("queue", "no calendar " + rule.definition().calendarId()));
    }

    private static CreateRuleResponse created(CreateRule command, CommandMetadata metadata) {
        RecurrenceSpec spec = RecurrenceSpec.of(command.toEvent());
        // A schedule whose every occurrence lies before now (an UNTIL or COUNT spent) is expired at once.
        String status = RecurrenceExpander.isExhausted(spec, command.requestedAt()) ? "expired" : "active";
        return new CreateRuleResponse(command.ruleId().value(), command.definition().name(), status, spec.schedule().description(),
                RecurrenceExpander.next(spec, command.requestedAt()).map(Occurrence::start).orElse(null),
                command.requestedAt(), metadata.actor());
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a rule's definition",
            description = "The body is a creation's (an id, if given, must be the path's: 400 path_id), checked alike. From "
                    + "now on the rule's occurrences are the new definition's: rule-expander retracts those it had published "
                    + "that the new one does not produce and publishes the new ones; earlier occurrences stay. A paused rule "
                    + "stays paused; a deleted one is refused (409, rule deleted). If-Match: \"<version>\" turns a lost "
                    + "update into 412. Answers the rule's status, description and next run, with the new ETag.")
    Mono<ResponseEntity<RuleUpdatedResponse>> update(
            @PathVariable String id,
            @Valid @RequestBody CreateRuleRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        RuleId ruleId = PathIds.parse("id", id, RuleId::of);
        UpdateRule command = request.toUpdate(ruleId, Versions.expected(ifMatch), clock.instant());
        return commands.<RuleChanged>send(command, exchange, () -> notFound(ruleId))
                .map(done -> Versions.ok(ConsistencyToken.rule(ruleId.value(), done.version()))
                        .body(new RuleUpdatedResponse(ruleId.value(), command.definition().name(),
                                done.status().name().toLowerCase(Locale.ROOT),
                                command.definition().schedule().schedule().description(), done.nextRun())));
    }

    @PostMapping("/{id}/pause")
    @Operation(summary = "Pause a rule",
            description = "No occurrence of the rule starts from now until it is resumed; rule-expander retracts the "
                    + "occurrences it had published from now on. The body may be left out; resume_after (an RFC 3339 "
                    + "instant in the future, 400 otherwise) ends the pause by itself, reason (at most 256 characters) says "
                    + "why. Pausing a paused rule is refused (409, rule paused), and so is any change to a deleted rule "
                    + "(409, rule deleted). If-Match: \"<version>\" turns a lost update into 412.")
    Mono<ResponseEntity<RuleStatusResponse>> pause(
            @PathVariable String id,
            @Valid @RequestBody(required = false) @Nullable PauseRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        RuleId ruleId = PathIds.parse("id", id, RuleId::of);
        CommandMetadata metadata = commands.metadataOf(exchange);
        PauseRule command = new PauseRule(ruleId, request == null ? null : request.resumeAfter(),
                request == null ? null : request.reason(), Versions.expected(ifMatch));
        return answer(ruleId, command, metadata);
    }

    @PostMapping("/{id}/skip-next")
    @Operation(summary = "Skip a rule's next run",
            description = "OPS-ACTIONS' skip: the occurrence the rule's answers name as next_run (from now, or from the end of its "
                    + "pause) is cancelled, as POST .../occurrences/{occurrenceId}/cancel cancels one, with the reason skipped "
                    + "unless the body gives one (at most 256 characters); the runs after it are unchanged, and the dispatcher "
                    + "never dispatches it. The answer names the occurrence skipped (status skipped). It needs the scheduler role "
                    + "on the rule's queue once the queue has grants (403 role). Refused: a rule with no next run, disabled or "
                    + "paused without an end (409 no_next_run); more than 1,000 moved or cancelled occurrences (409 "
                    + "max_exceptions); a deleted rule (409 deleted). If-Match: \"<version>\" turns a lost update into 412.")
    Mono<ResponseEntity<OccurrenceResponse>> skipNext(
            @PathVariable String id,
            @Valid @RequestBody(required = false) @Nullable ReasonRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        RuleId ruleId = PathIds.parse("id", id, RuleId::of);
        SkipNextOccurrence command = new SkipNextOccurrence(ruleId, request == null ? null : request.reason(), Versions.expected(ifMatch));
        return commands.<OccurrenceChanged>send(command, exchange, () -> ProblemException.notFound("id", "no rule " + ruleId))
                .map(done -> Versions.ok(ConsistencyToken.rule(ruleId.value(), done.version()))
                        .body(OccurrenceResponse.of(ruleId.value(), done)));
    }

    @PostMapping("/{id}/run-now")
    @Operation(summary = "Run a rule at once",
            description = "OPS-ACTIONS' run now: a run of the rule's own, due at once and apart from its series, whose "
                    + "occurrences are unchanged. The dispatcher publishes its OccurrenceDue (trigger run_now) on "
                    + "almanac.dispatch.v1, held to the rule's max_concurrent like every run: with overlap skip it is skipped "
                    + "while the rule has max_concurrent runs in flight, with buffer_one it waits for one to end. Answers 202 "
                    + "with the run's id (run_id), which the dispatch and the executor's run reports carry; the body may be "
                    + "left out, reason (at most 256 characters) says why. A paused rule runs (the pause holds its series "
                    + "back, not an explicit run); a disabled rule is refused (409 disabled), and so is a deleted one (409 "
                    + "deleted), as is a heartbeat, which Almanac never dispatches (409 heartbeat, ADR 0073). It needs the scheduler role on the rule's queue once the queue has grants (403 role), and "
                    + "the manager role from anyone but the rule's creator (403 rule_owner). If-Match: \"<version>\" turns "
                    + "a lost update into 412.")
    @ApiResponse(responseCode = "202", description = "The run was asked for; the dispatcher dispatches it at once")
    Mono<ResponseEntity<RunNowResponse>> runNow(
            @PathVariable String id,
            @Valid @RequestBody(required = false) @Nullable ReasonRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        RuleId ruleId = PathIds.parse("id", id, RuleId::of);
        String reason = request == null ? null : request.reason();
        return commands.<RunRequested>send(new RunRuleNow(ruleId, reason, Versions.expected(ifMatch)), exchange, () -> notFound(ruleId))
                .map(done -> ResponseEntity.accepted().headers(Versions.written(ConsistencyToken.rule(ruleId.value(), done.version())))
                        .body(RunNowResponse.of(ruleId.value(), done, reason)));
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Resume a paused rule",
            description = "The rule's occurrences from now on are due again, with the same occurrence ids as before the "
                    + "pause. Resuming a rule that is not paused (never paused, resumed, or past its resume_after) is "
                    + "refused (409, rule not_paused). If-Match: \"<version>\" turns a lost update into 412.")
    Mono<ResponseEntity<RuleStatusResponse>> resume(
            @PathVariable String id,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        RuleId ruleId = PathIds.parse("id", id, RuleId::of);
        return answer(ruleId, new ResumeRule(ruleId, Versions.expected(ifMatch)), commands.metadataOf(exchange));
    }

    @PostMapping("/{id}/disable")
    @Operation(summary = "Disable a rule",
            description = "No occurrence of the rule starts from now until it is enabled (POST .../enable); rule-expander "
                    + "retracts the occurrences it had published from now on. Unlike a pause it has no resume_after and a "
                    + "resume does not end it (409, rule disabled); pausing a disabled rule is refused alike. It can still be "
                    + "updated or deleted. The body may be left out; reason (at most 256 characters) says why. Disabling a "
                    + "disabled rule is refused (409, rule disabled). If-Match: \"<version>\" turns a lost update into 412.")
    Mono<ResponseEntity<RuleStatusResponse>> disable(
            @PathVariable String id,
            @Valid @RequestBody(required = false) @Nullable ReasonRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        RuleId ruleId = PathIds.parse("id", id, RuleId::of);
        return answer(ruleId, new DisableRule(ruleId, request == null ? null : request.reason(), Versions.expected(ifMatch)),
                commands.metadataOf(exchange));
    }

    @PostMapping("/{id}/enable")
    @Operation(summary = "Enable a disabled rule",
            description = "The rule's occurrences from now on are due again, with the ids the expansion always gives them. "
                    + "Enabling a rule that is not disabled is refused (409, rule not_disabled). If-Match: \"<version>\" "
                    + "turns a lost update into 412.")
    Mono<ResponseEntity<RuleStatusResponse>> enable(
            @PathVariable String id,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        RuleId ruleId = PathIds.parse("id", id, RuleId::of);
        return answer(ruleId, new EnableRule(ruleId, Versions.expected(ifMatch)), commands.metadataOf(exchange));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a rule",
            description = "For good: none of its occurrences starts from now on, rule-expander retracts those it had "
                    + "published, and the rule takes no further command (409, rule deleted). Its history stays, and "
                    + "GET /api/v1/schedules/rules/{id} shows it with status disabled. Answers 204 with the new ETag. "
                    + "If-Match: \"<version>\" turns a lost update into 412.")
    Mono<ResponseEntity<Void>> delete(
            @PathVariable String id,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        RuleId ruleId = PathIds.parse("id", id, RuleId::of);
        return commands.<RuleChanged>send(new DeleteRule(ruleId, Versions.expected(ifMatch)), exchange, () -> notFound(ruleId))
                .map(done -> ResponseEntity.noContent().headers(Versions.written(ConsistencyToken.rule(ruleId.value(), done.version()))).build());
    }

    /** Sends a pause, resume, disable or enable, and answers the rule's status. */
    private Mono<ResponseEntity<RuleStatusResponse>> answer(RuleId ruleId, Object command, CommandMetadata metadata) {
        return commands.<RuleChanged>send(command, metadata, () -> notFound(ruleId))
                .map(done -> Versions.ok(ConsistencyToken.rule(ruleId.value(), done.version()))
                        .body(new RuleStatusResponse(ruleId.value(), done.status().name().toLowerCase(Locale.ROOT),
                                done.pausedAt(), done.pausedAt() == null ? null : metadata.actor(), done.nextRun(),
                                done.resumeAfter())));
    }

    private static ProblemException notFound(RuleId ruleId) {
        return ProblemException.notFound("id", "no rule " + ruleId);
    }
}
