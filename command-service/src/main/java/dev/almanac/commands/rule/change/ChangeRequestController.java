package dev.almanac.commands.rule.change;

import java.time.Duration;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
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
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.commands.web.NewIds;
import dev.almanac.commands.web.PathIds;
import dev.almanac.commands.web.Versions;
import dev.almanac.events.rule.ChangeRequestId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.problem.ProblemException;

@RestController
@RequestMapping("/api/v1/schedules/rules/{id}/change-requests")
@Tag(name = "rule change requests", description = "Confirm-first changes to a recurring rule (OPS-CHANGE): propose, see, confirm")
class ChangeRequestController {

    private final CommandDispatcher commands;
    private final StoredProposals proposals;
    private final Duration validFor;

    ChangeRequestController(CommandDispatcher commands, StoredProposals proposals,
                            @Value("${almanac.commands.change-requests.valid-for:PT1H}") Duration validFor) {
        this.commands = commands;
        this.proposals = proposals;
        this.validFor = validFor;
    }

    @PostMapping
    @Operation(summary = "Propose a change to a rule",
            description = """
                    Nothing about the rule changes: the answer shows the change as a structured patch, in English, and the \
                    rule's next 10 occurrences before and after it (as rule-expander materialises them, DST policy and jitter \
                    included), with warnings. Confirm it with POST .../change-requests/{changeRequestId}/confirm and its \
                    version before expires_at (1 hour by default). Give exactly one of instruction or patch (400 one_of).

                    patch: {"action": "update", "cron": "30 9 * * 1-5"}, {"action": "update", "timezone": "Europe/London", \
                    "duration_seconds": 2700, "jitter_seconds": 30}, {"action": "pause", "resume_after": \
                    "2027-01-04T00:00:00Z"}, {"action": "resume"}. An update names only the parts it replaces (cron with \
                    cron_dialect, or rrule {rrule, dtstart, exdates, rdates}; timezone; duration_seconds; jitter_seconds; \
                    dst_policy {gap, overlap}).

                    instruction: English as people write schedules (ADR 0077), words in any case, a zone as the tz \
                    database spells it. Times: 14:30, 9:30pm, 6.30pm, 9am, noon, midnight, half past 8, 'at 6 and 18'. Days: \
                    names and lists (mon, wed and fri), weekdays, weekends, monday to friday, 'except weekends'; days of the \
                    month (the 1st, 1st and 15th, the last day) and nth weekdays (first monday, last friday), written as an \
                    RRULE where cron cannot say them. Intervals: every 15 minutes, hourly, every half hour, every 2 hours \
                    [at minute M], every other day or week [starting <date>], within a window (between 9 and 17, from 9am to \
                    5pm; half-open, on the hour). A clause left out is the rule's own: 'move it to 10:15' keeps its days, \
                    'on weekdays instead' its times; 'an hour later', 'shift by 30 minutes', '45 minutes earlier' move its \
                    times. 'in <zone>' changes the zone. pause [until <date> [at <time>] | for N minutes|hours|days|weeks]; \
                    resume; skip the next [N] runs | skip tomorrow (a pause that ends just after the skipped runs). Dates \
                    are YYYY-MM-DD, tomorrow or a day's name (the coming one), in the rule's zone.

                    Where the words leave a doubt (a bare hour: 'at 6' is 06:00 or 18:00; 'move it back'; which week 'every \
                    other week' starts), one reading is proposed with confidence below 1, a warning naming the doubt \
                    (ambiguous_time, ambiguous_direction, ambiguous_ordinal, ambiguous_phase) and the other reading in \
                    alternatives, as an instruction to propose instead. Refused with 400 on instruction, naming what was \
                    read: instruction_grammar (outside the grammar), ambiguous (two schedules in one, 'next monday', \
                    01/04/2027, biweekly, 'move to' a rule that runs at several times a day), uneven_interval (every 7 \
                    minutes within a window), window, business_hours (calendars keep no business hours), future, \
                    iana_zone, range. A patch's parts are checked as a rule's (400 on patch.cron, patch.rrule.dtstart, ...). A change the \
                    rule cannot take now is 409 like the rule's own command (deleted, paused, not_paused, disabled), and one \
                    that changes nothing is 409 no_change. No rule: 404. With a client-chosen id the request is idempotent.""")
    Mono<ResponseEntity<ChangeRequestResponse>> propose(
            @PathVariable String id, @Valid @RequestBody ChangeRequestBody body, ServerWebExchange exchange) {
        RuleId ruleId = PathIds.parse("id", id, RuleId::of);
        ProposeRuleChange command = body.toCommand(ruleId, () -> ChangeRequestId.of(NewIds.of(exchange)), validFor);
        ChangeRequestId changeRequestId = command.changeRequestId();
        return commands.create(command, commands.metadataOf(exchange), () -> ProblemException.notFound("id", "no rule " + ruleId))
                .flatMap(creation -> proposals.answer(changeRequestId)
                        .map(answer -> creation.answer("/api/v1/schedules/rules/" + ruleId + "/change-requests/" + changeRequestId,
                                        ConsistencyToken.changeRequest(changeRequestId.value(), 0))
                                .body(answer)));
    }

    @PostMapping("/{changeRequestId}/confirm")
    @Operation(summary = "Confirm a proposed change",
            description = """
                    Applies the change through the rule's own command (PUT's update, pause or resume) in the same transaction \
                    as marking the proposal confirmed, so both happen or neither. The change request's version is required, \
                    as If-Match: "<version>" or the body's version (400 required without either; 400 matches when they \
                    differ); a proposal that has moved on since is 412. Refused with 409: the rule changed since the \
                    proposal (rule_changed, naming the rule: propose again), the proposal was already confirmed or rejected, \
                    or expired (expired), or the rule's command refuses it now (paused, not_paused, disabled, deleted, \
                    inactive). The confirming user is checked as by the rule's command: 403 rule_owner unless the rule's \
                    creator with the scheduler role on its queue (403 role otherwise), the queue's manager or an admin. \
                    A proposal is found under its own rule only (404 otherwise). Answers the rule's new status, \
                    version and next run; the ETag is the change request's, the Almanac-Consistency-Token the rule's.""")
    Mono<ResponseEntity<ChangeDecisionResponse>> confirm(
            @PathVariable String id,
            @PathVariable String changeRequestId,
            @Valid @RequestBody(required = false) @Nullable ConfirmBody body,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        RuleId ruleId = PathIds.parse("id", id, RuleId::of);
        ChangeRequestId proposal = PathIds.parse("change_request_id", changeRequestId, ChangeRequestId::of);
        Long version = expectedVersion(ifMatch, body == null ? null : body.version());
        if (version == null) {
            throw ProblemException.invalid("If-Match", "required", "confirming needs the change request's version, the ETag of its "
                    + "proposal, as If-Match: \"0\" or the body's version");
        }
        CommandMetadata metadata = commands.metadataOf(exchange);
        return commands.<ChangeConfirmed>send(new ConfirmRuleChange(proposal, ruleId, version), metadata, () -> notFound(ruleId, proposal))
                .map(done -> ResponseEntity.ok()
                        .eTag(Versions.etag(done.version()))
                        .header(ConsistencyToken.HEADER, ConsistencyToken.rule(ruleId.value(), done.rule().version()).encode())
                        .body(new ChangeDecisionResponse(proposal.value(), ruleId.value(), "confirmed", done.version(), done.confirmedAt(),
                                metadata.actor(), null, new ChangeDecisionResponse.RuleView(
                                done.rule().status().name().toLowerCase(Locale.ROOT), done.rule().version(), done.rule().nextRun(),
                                done.rule().resumeAfter()))));
    }

    @PostMapping("/{changeRequestId}/reject")
    @Operation(summary = "Reject or withdraw a proposed change",
            description = """
                    The proposal can no longer be confirmed; the rule never changed. Its proposer withdrawing it and a \
                    reviewer rejecting it are the same step; the event names who. The body may be left out; reason (at most \
                    256 characters) says why. If-Match or the body's version, when given, must be the change request's \
                    (412 otherwise). A proposal already confirmed, rejected or expired is 409. Its proposer may always \
                    withdraw it; anyone else must be someone who may confirm it: the rule's creator with the scheduler role \
                    on its queue, the queue's manager, or an admin (anyone, on a queue without grants). Otherwise 403, field \
                    id, rule rule_owner and required_role manager (rule role, required_role scheduler, for a creator who \
                    lost the role), naming who created the rule and who may withdraw the proposal; nothing is written.""")
    Mono<ResponseEntity<ChangeDecisionResponse>> reject(
            @PathVariable String id,
            @PathVariable String changeRequestId,
            @Valid @RequestBody(required = false) @Nullable RejectBody body,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        RuleId ruleId = PathIds.parse("id", id, RuleId::of);
        ChangeRequestId proposal = PathIds.parse("change_request_id", changeRequestId, ChangeRequestId::of);
        String reason = body == null ? null : body.reason();
        Long version = expectedVersion(ifMatch, body == null ? null : body.version());
        CommandMetadata metadata = commands.metadataOf(exchange);
        return commands.<ChangeRejected>send(new RejectRuleChange(proposal, ruleId, reason, version), metadata, () -> notFound(ruleId, proposal))
                .map(done -> Versions.ok(ConsistencyToken.changeRequest(proposal.value(), done.version()))
                        .body(new ChangeDecisionResponse(proposal.value(), ruleId.value(), "rejected", done.version(), done.rejectedAt(),
                                metadata.actor(), reason, null)));
    }

    /** The version from If-Match or the body; when both are given they must agree. */
    private static @Nullable Long expectedVersion(@Nullable String ifMatch, @Nullable Long inBody) {
        Long fromHeader = Versions.expected(ifMatch);
        if (fromHeader != null && inBody != null && !fromHeader.equals(inBody)) {
            throw ProblemException.invalid("version", "matches", "the body's version " + inBody + " is not If-Match's " + fromHeader
                    + "; send one of them, or the same in both");
        }
        return fromHeader != null ? fromHeader : inBody;
    }

    private static ProblemException notFound(RuleId ruleId, ChangeRequestId proposal) {
        return ProblemException.notFound("change_request_id", "rule " + ruleId + " has no change request " + proposal);
    }
}
