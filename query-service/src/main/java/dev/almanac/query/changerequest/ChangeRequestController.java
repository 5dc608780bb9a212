package dev.almanac.query.changerequest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.access.CallerRoles;
import dev.almanac.query.rule.Rule;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.web.QueryParameters;

/** A rule's open change requests, and any one change request: key lookups of the rule and its change requests. */
@RestController
@Tag(name = "Rule change requests", description = "Proposed changes to recurring rules, as projected from almanac.rules.v1 "
        + "(eventually consistent)")
public class ChangeRequestController {

    private final ChangeRequests changeRequests;
    private final Rules rules;
    private final CalendarReaders readers;
    private final Clock clock;

    /** The clock tells an expired proposal from an open one; tests give their own. */
    public ChangeRequestController(ChangeRequests changeRequests, Rules rules, CalendarReaders readers, ObjectProvider<Clock> clock) {
        this.changeRequests = changeRequests;
        this.rules = rules;
        this.readers = readers;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/api/v1/schedules/rules/{id}/change-requests")
    @Operation(summary = "A rule's open change requests",
            description = """
                    The proposals that can still be confirmed, oldest first: proposed, not past expires_at, and made against \
                    the rule's current version (a proposal made before the rule changed can no longer be confirmed and is not \
                    listed). Each shows what its proposer was shown: the patch, the description, the next occurrences before \
                    and after, and the warnings. Eventually consistent; pass a command's consistency_token to wait for it. \
                    When the rule's queue has grants they are shown only to those with a role on that calendar, as the rule \
                    is (ADR 0027).""")
    @ApiResponse(responseCode = "200", description = "The rule's open change requests, possibly none")
    @ProblemResponse(responseCode = "400", description = "The id cannot be a rule's; errors[].field is id")
    @ProblemResponse(responseCode = "404", description = "No rule has this id (yet), or its queue is a calendar the caller has no role on: the same answer (ADR 0086)")
    public Mono<RuleChangeRequestsView> open(@Parameter(description = "Rule id", example = "rule-nightly") @PathVariable String id,
                                             ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        parameters.throwIfInvalid();
        Instant now = clock.instant();
        return rule(id).flatMap(rule -> readable(exchange, rule))
                .flatMap(rule -> Mono.zip(changeRequests.ofRule(id), rolesOn(exchange, rule))
                        .map(found -> new RuleChangeRequestsView(id, rule.version(), found.getT1().open().stream()
                                .filter(request -> request.isOpenAt(now) && request.proposal().ruleVersion() == rule.version())
                                .map(request -> ChangeRequestView.of(request, now, rule, found.getT2()))
                                .toList())));
    }

    @GetMapping("/api/v1/schedules/rules/{id}/change-requests/{changeRequestId}")
    @Operation(summary = "Get a change request",
            description = """
                    One change request of the rule, whatever its status: proposed, confirmed, rejected, expired, or superseded \
                    (the rule changed since it was proposed). The ETag is its version, which a confirmation needs. Where the \
                    Location of a proposal points; eventually consistent. When the rule's queue has grants it is shown \
                    only to those with a role on that calendar, as the rule is (ADR 0027).""")
    @ApiResponse(responseCode = "200", description = "The change request")
    @ProblemResponse(responseCode = "400", description = "An id is malformed; errors[].field names it")
    @ProblemResponse(responseCode = "404", description = "The rule has no such change request (yet)")
    public Mono<ResponseEntity<ChangeRequestView>> one(
            @Parameter(description = "Rule id", example = "rule-nightly") @PathVariable String id,
            @Parameter(description = "Change request id") @PathVariable String changeRequestId, ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        parameters.requiredIdentifier("change_request_id", changeRequestId);
        parameters.throwIfInvalid();
        Instant now = clock.instant();
        return changeRequests.find(changeRequestId)
                .filter(request -> request.isDefined() && request.ruleId().equals(id))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("change_request_id",
                        "rule " + id + " has no change request '" + changeRequestId + "'")))
                // A rule not projected yet has no queue to check, as an unknown calendar is left to the read.
                .flatMap(request -> rules.find(id).flatMap(rule -> readable(exchange, rule))
                        .flatMap(rule -> rolesOn(exchange, rule).map(roles -> ChangeRequestView.of(request, now, rule, roles)))
                        .defaultIfEmpty(ChangeRequestView.of(request, now, null, CallerRoles.admin()))
                        .map(view -> ResponseEntity.ok().eTag(Long.toString(request.version())).body(view)));
    }

    /** The caller's roles on the rule's queue, read exactly: a confirmation is offered only where it would be taken. */
    private Mono<CallerRoles> rolesOn(ServerWebExchange exchange, Rule rule) {
        return rule.calendarId() == null ? readers.roles(exchange) : readers.roles(exchange, List.of(rule.calendarId()));
    }

    /** The rule, or the 404 of an unknown rule when the caller has no role on its queue, as the rule's own read (ADR 0086). */
    private Mono<Rule> readable(ServerWebExchange exchange, Rule rule) {
        return rule.calendarId() == null ? Mono.just(rule) : readers.requireViewer(exchange, rule.calendarId(),
                () -> ProblemException.notFound("id", "no rule has the id '" + rule.id() + "'")).thenReturn(rule);
    }

    private Mono<Rule> rule(String id) {
        return rules.find(id).filter(Rule::isDefined)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("id", "no rule has the id '" + id + "'")));
    }
}
