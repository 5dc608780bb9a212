package dev.almanac.commands.rule;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.function.BiFunction;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.commands.web.NewIds;
import dev.almanac.commands.web.PathIds;
import dev.almanac.commands.web.Versions;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * Commands on one occurrence of a rule (ADR 0023): exceptions to the series (move, cancel, this and
 * following) and the decisions on a missed run (OPS-MISSED). The occurrence is named in the path by its
 * occurrence id or by its recurrence id (the RFC 3339 instant it resolves to, its resolved_at).
 */
@RestController
@RequestMapping("/api/v1/schedules/rules/{id}/occurrences/{occurrenceId}")
@Tag(name = "rules", description = "Recurring rules: a cron or an RRULE in an IANA zone")
class OccurrenceController {

    private static final String NAMED = "The occurrence is named by its occurrence id, looked for among those resolving from now to a "
            + "year and a day ahead (100,000 at most) and those with an exception, or by its recurrence id: the RFC 3339 instant it "
            + "resolves to (its resolved_at), at any time. An id not found is 404 (rule exists), an instant the rule has no "
            + "occurrence at is 404 (rule produced). ";
    private static final String ROLE = "Like an update of the rule, it needs the scheduler role on the rule's queue (ADR 0027): 403 "
            + "(rule role, field id) for a caller without it once the queue has grants. ";

    private final CommandDispatcher commands;
    private final Clock clock;

    OccurrenceController(CommandDispatcher commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping("/move")
    @Operation(summary = "Move one occurrence of a rule",
            description = "RFC 5545's RECURRENCE-ID: the occurrence, not started yet, starts exactly at new_time (no jitter) and "
                    + "keeps its occurrence id, recurrence id and length; the rest of the series is unchanged. rule-expander "
                    + "publishes it at once, wherever the horizon stands, and a later move replaces this one. " + NAMED + ROLE
                    + "Refused: new_time not in the future (400 future); an occurrence that has started (409 started) or is "
                    + "cancelled (409 cancelled); a new_time when the rule is disabled (409 disabled) or inside its pause (409 "
                    + "paused); more than 1,000 moved or cancelled occurrences on one rule (409 max_exceptions); a deleted rule "
                    + "(409 deleted). If-Match: \"<version>\" of the rule turns a lost update into 412.")
    Mono<ResponseEntity<OccurrenceResponse>> move(
            @PathVariable String id,
            @PathVariable String occurrenceId,
            @Valid @RequestBody OccurrenceRequests.Move request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        return answer(id, occurrenceId, exchange, (ruleId, occurrence) ->
                new MoveOccurrence(ruleId, occurrence, request.newTime(), request.reason(), Versions.expected(ifMatch)));
    }

    @PostMapping("/cancel")
    @Operation(summary = "Cancel one occurrence of a rule",
            description = "RFC 5545's EXDATE: the occurrence, not started yet, will not happen; rule-expander retracts it if it "
                    + "was published (reason occurrence_cancelled) and never publishes it again, and the rest of the series is "
                    + "unchanged. The body may be left out; reason (at most 256 characters) says why. " + NAMED + ROLE
                    + "Refused: an occurrence that has started (409 started) or is cancelled already (409 cancelled); more than "
                    + "1,000 moved or cancelled occurrences (409 max_exceptions); a deleted rule (409 deleted). If-Match: "
                    + "\"<version>\" of the rule turns a lost update into 412.")
    Mono<ResponseEntity<OccurrenceResponse>> cancel(
            @PathVariable String id,
            @PathVariable String occurrenceId,
            @Valid @RequestBody(required = false) @Nullable ReasonRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        return answer(id, occurrenceId, exchange, (ruleId, occurrence) ->
                new CancelOccurrence(ruleId, occurrence, request == null ? null : request.reason(), Versions.expected(ifMatch)));
    }

    @PostMapping("/missed")
    @Operation(summary = "Decide a missed run",
            description = "Missed-run actions (OPS-MISSED) on an occurrence whose start has passed (rule-expander publishes OccurrenceMissed "
                    + "when no run was reported in time; the command side does not see run reports and takes the decision on any "
                    + "occurrence that is due): approve_backfill_run runs it again now, as a backfill run with an occurrence id "
                    + "of its own (backfill_occurrence_id); reschedule moves it to new_time (required, in the future), keeping "
                    + "its identity; delete_missed takes it off the calendar. Once per occurrence and start: a rescheduled one "
                    + "can be decided again once its new time has passed. The occurrence is named by its occurrence id, looked "
                    + "for among those resolving from 31 days ago to a year and a day ahead, or by its recurrence id. " + ROLE
                    + "Refused: new_time missing or "
                    + "in the past for reschedule (400 required, future), given with another action (400 one_of); an "
                    + "occurrence not due yet (409 not_due), decided already (409 decided) or cancelled (409 cancelled); a "
                    + "backfill or reschedule while the rule is disabled (409 disabled) or paused at that time (409 paused); "
                    + "a deleted rule (409 deleted); an id not found (404 exists) or an instant the rule has no occurrence at "
                    + "(404 produced). If-Match: \"<version>\" of the rule turns a lost update into 412.")
    Mono<ResponseEntity<OccurrenceResponse>> missed(
            @PathVariable String id,
            @PathVariable String occurrenceId,
            @Valid @RequestBody OccurrenceRequests.Missed request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        return answer(id, occurrenceId, exchange, (ruleId, occurrence) -> {
            if (request.newTime() != null && request.action() != MissedRunAction.RESCHEDULE) {
                throw ProblemException.invalid("new_time", "one_of", "new_time belongs to reschedule, not to "
                        + request.action().name().toLowerCase(Locale.ROOT) + "; leave it out");
            }
            return new DecideMissedRun(ruleId, occurrence, request.action(), request.newTime(), request.reason(),
                    Versions.expected(ifMatch));
        });
    }

    @PostMapping("/this-and-following")
    @Operation(summary = "Change this occurrence and the following ones",
            description = "One decision, in one transaction: the rule's series ends at this occurrence (not started yet; "
                    + "RuleEnded), and a new rule with the body's definition (a creation's body; its own id if given) continues "
                    + "it, active from the occurrence's recurrence id. rule-expander retracts the old rule's occurrences from "
                    + "there (reason rule_ended) and materialises the new rule's: the old series keeps what resolves before the "
                    + "seam, the new one has what resolves from it, and nothing is counted twice. The new rule starts active "
                    + "and takes a place in its creator's count (the old one's place is freed). " + NAMED + "It needs the "
                    + "scheduler role on the old rule's queue (403 role, field id) and, as a creation, on the new rule's (403 role, "
                    + "field queue), once each has grants (ADR 0027). Refused as a "
                    + "creation is (400, 409 max_rules_per_user, 422 queue), and: an occurrence that has started (409 started); "
                    + "a deleted rule (409 deleted); a new id that is taken (409 unique). If-Match: \"<version>\" of the old "
                    + "rule turns a lost update into 412. Answers 201 with the new rule, its Location and ETag.")
    Mono<ResponseEntity<SplitResponse>> thisAndFollowing(
            @PathVariable String id,
            @PathVariable String occurrenceId,
            @Valid @RequestBody CreateRuleRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        RuleId ruleId = PathIds.parse("id", id, RuleId::of);
        OccurrenceRef occurrence = OccurrenceRef.parse("occurrence_id", occurrenceId);
        CreateRule successor = request.toCommand(() -> RuleId.of(NewIds.of(exchange)), clock.instant());
        CommandMetadata metadata = commands.metadataOf(exchange);
        return commands.<RuleSplitter.RuleSplit>send(new SplitRule(ruleId, occurrence, successor, Versions.expected(ifMatch)), metadata,
                        () -> ProblemException.notFound("id", "no rule " + ruleId))
                .map(done -> ResponseEntity.status(HttpStatus.CREATED)
                        .location(URI.create("/api/v1/schedules/rules/" + done.successor().ruleId()))
                        .headers(Versions.written(ConsistencyToken.rule(done.successor().ruleId().value(), 0)))
                        .body(split(done, metadata, clock.instant(), ruleId)));
    }

    private static SplitResponse split(RuleSplitter.RuleSplit done, CommandMetadata metadata, Instant now, RuleId continued) {
        CreateRule created = done.successor();
        RecurrenceSpec spec = RecurrenceSpec.of(created.toEvent());
        Instant after = created.requestedAt().isAfter(now) ? created.requestedAt().minusNanos(1) : now;
        String status = RecurrenceExpander.isExhausted(spec, now) ? "expired" : "active";
        return new SplitResponse(created.ruleId().value(), created.definition().name(), status, spec.schedule().description(),
                RecurrenceExpander.next(spec, after).map(Occurrence::start).orElse(null), created.requestedAt(), now, metadata.actor(),
                new SplitResponse.Continued(continued.value(), done.endsAt(), done.endedVersion()));
    }

    /** Sends the command {@code command} makes for the occurrence the path names, and answers what it left of it. */
    private Mono<ResponseEntity<OccurrenceResponse>> answer(String id, String occurrenceId, ServerWebExchange exchange,
                                                            BiFunction<RuleId, OccurrenceRef, Object> command) {
        RuleId ruleId = PathIds.parse("id", id, RuleId::of);
        Object sent = command.apply(ruleId, OccurrenceRef.parse("occurrence_id", occurrenceId));
        return commands.<OccurrenceChanged>send(sent, exchange, () -> ProblemException.notFound("id", "no rule " + ruleId))
                .map(done -> Versions.ok(ConsistencyToken.rule(ruleId.value(), done.version()))
                        .body(OccurrenceResponse.of(ruleId.value(), done)));
    }
}
