package dev.almanac.conflicts.command;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
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

import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ResolutionMethod;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.input.StrictInputModule;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.tracing.TraceContexts;

/**
 * The conflict lifecycle (SCH-LIFECYCLE): resolve, escalate, dismiss, and the re-scan. Every command names the version it
 * was decided on ({@code If-Match}), and the task that owns the conflict applies it only at that
 * version, so of two commands decided on the same version exactly one applies (ADR 0017).
 */
@RestController
@RequestMapping("/api/v1/conflicts")
@Tag(name = "Conflict lifecycle", description = "Resolve, escalate and dismiss conflicts, and detect them afresh; read them from query-service")
public class ConflictLifecycleController {

    private static final Pattern STRONG_ETAG = Pattern.compile("\"(\\d{1,18})\"");
    private static final String TENANT_RULE = " In a multi-tenant deployment a conflict that involves a calendar of another "
            + "tenant than the caller's answers 404, as one that does not exist, before any role is read (ADR 0102).";
    private static final String IF_MATCH_DESCRIPTION = "The conflict's version as its ETag, such as \"3\": required, so that a "
            + "command decided on an old state is refused (412) rather than applied";

    private final ConflictCommandGateway gateway;
    private final Clock clock;

    public ConflictLifecycleController(ConflictCommandGateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    @PostMapping("/{id}/resolve")
    @Operation(summary = "Resolve a conflict",
            description = "A detected or escalated conflict becomes resolved, with the method and an optional note (required "
                    + "for override_applied, SCH-024). A resolved, dismissed or cleared conflict is refused (409, the rule "
                    + "names its status). Only a manager of the conflict's calendar may (403, rule role)."
                    + TENANT_RULE)
    @ApiResponse(responseCode = "200", description = "Resolved; the ETag is the new version")
    @TransitionProblems
    public Mono<ResponseEntity<TransitionResponse>> resolve(
            @PathVariable String id,
            @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"0\"")
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody LifecycleRequests.Resolve request,
            ServerWebExchange exchange) {
        return transition(id, ifMatch, exchange, ConflictCommand.Kind.RESOLVE, request.method(), request.note(), null, null);
    }

    @PostMapping("/{id}/escalate")
    @Operation(summary = "Escalate a conflict",
            description = "A detected conflict is handed to escalated_to, with the reason. An escalated, resolved, dismissed "
                    + "or cleared conflict is refused (409, the rule names its status). Critical and severe conflicts "
                    + "still detected 24 hours after they opened escalate by themselves (SCH-015). Only a manager of the "
                    + "conflict's calendar may (403, rule role)."
                    + TENANT_RULE)
    @ApiResponse(responseCode = "200", description = "Escalated; the ETag is the new version")
    @TransitionProblems
    public Mono<ResponseEntity<TransitionResponse>> escalate(
            @PathVariable String id,
            @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"0\"")
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody LifecycleRequests.Escalate request,
            ServerWebExchange exchange) {
        return transition(id, ifMatch, exchange, ConflictCommand.Kind.ESCALATE, null, null, request.escalatedTo(), request.reason());
    }

    @PostMapping("/{id}/dismiss")
    @Operation(summary = "Dismiss a conflict",
            description = "A detected or escalated conflict needs no action, for the reason given. The dismissal holds while "
                    + "the clash holds; if it clears and occurs again, the conflict is detected afresh. A resolved, dismissed "
                    + "or cleared conflict is refused (409, the rule names its status). Only a manager of the conflict's "
                    + "calendar may (403, rule role)."
                    + TENANT_RULE)
    @ApiResponse(responseCode = "200", description = "Dismissed; the ETag is the new version")
    @TransitionProblems
    public Mono<ResponseEntity<TransitionResponse>> dismiss(
            @PathVariable String id,
            @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"0\"")
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody LifecycleRequests.Dismiss request,
            ServerWebExchange exchange) {
        return transition(id, ifMatch, exchange, ConflictCommand.Kind.DISMISS, null, null, null, request.reason());
    }

    @PostMapping("/detect")
    @Operation(summary = "Detect conflicts afresh",
            description = "Detects every calendar afresh from its entries, every resource from its bookings and "
                    + "unavailable ranges, and every linked pair from its two sides, on every partition, and compares the result "
                    + "with the conflicts held (every kind: capacity breaches and warnings, double-booked resources, bookings "
                    + "while unavailable, orphaned links; a pair still within its grace is left to it). Only differences are "
                    + "published (ConflictDetected, ConflictCleared), so on a "
                    + "consistent state it publishes nothing, and running it again changes nothing: its result equals the "
                    + "live state. Answers with what it found. Only an admin may (403, rule role). In a multi-tenant "
                    + "deployment it is the caller's tenant's re-scan: an admin of the tenant, or a platform admin acting for "
                    + "it (X-Almanac-Tenant), detects that tenant's calendars, resources and linked pairs afresh (those whose "
                    + "ids begin with the tenant), on every partition, and the counts are that tenant's only; another tenant's "
                    + "conflicts are neither published nor counted (ADR 0102).")
    @ApiResponse(responseCode = "200", description = "The re-scan's counts over all partitions, of the caller's tenant only in a "
            + "multi-tenant deployment")
    @ProblemResponse(responseCode = "503", description = "A partition did not answer in time")
    public Mono<RescanResponse> detect(ServerWebExchange exchange) {
        Caller caller = Callers.of(exchange);
        if (!caller.admin()) {
            String scanned = caller.tenant() == null ? "every calendar" : "tenant " + caller.tenant() + "'s calendars";
            throw ProblemException.forbidden("Authorization", "role", "admin", "the re-scan of " + scanned + " needs the admin role; "
                    + caller.actor() + " is not an admin");
        }
        // In a multi-tenant deployment the tenant travels in the command: each partition re-scans that tenant's ids only.
        ConflictCommand command = new ConflictCommand(UUID.randomUUID().toString(), null, ConflictCommand.Kind.DETECT, -1, null, null,
                null, null, caller.actor(), clock.instant().truncatedTo(ChronoUnit.MILLIS), traceparent(exchange), true,
                caller.ungranted(), caller.tenant() == null ? null : caller.tenant().name());
        return gateway.rescan(command).map(found -> new RescanResponse(found.calendars(), found.resources(), found.links(),
                found.holding(), found.detected(), found.cleared()));
    }

    /**
     * The counts of a re-scan; of the caller's tenant's calendars, resources and linked pairs only in a multi-tenant deployment.
     *
     * @param resources the resources scanned: those created, over every partition
     * @param links     the linked pairs compared, over every partition
     * @param detected  conflicts the re-scan published as detected: ones the live state had missed or held differently
     * @param cleared   conflicts the re-scan cleared: ones the live state held that do not hold
     */
    @Schema(name = "ConflictRescan")
    public record RescanResponse(int calendars, int resources, int links, int conflictsHolding, int detected, int cleared) {
    }

    /** The request's server span, continuing its {@code traceparent} or a new trace (ADR 0089). */
    private static @Nullable String traceparent(ServerWebExchange exchange) {
        return TraceContexts.ofRequest(exchange);
    }

    /**
     * Sends one lifecycle command on the conflict {@code id}, decided on the version {@code ifMatch} names, and
     * answers its outcome. An override must say why (SCH-024).
     */
    private Mono<ResponseEntity<TransitionResponse>> transition(String id, @Nullable String ifMatch, ServerWebExchange exchange,
                                                                ConflictCommand.Kind kind, @Nullable ResolutionMethod method,
                                                                @Nullable String note, @Nullable String escalateTo,
                                                                @Nullable String reason) {
        ConflictId conflictId = conflictId(id);
        long expected = expectedVersion(ifMatch);
        if (method == ResolutionMethod.OVERRIDE_APPLIED && (note == null || note.isBlank())) {
            throw ProblemException.invalid("note", "SCH-024", "an override must say why: note is required with override_applied");
        }
        Caller caller = Callers.of(exchange);
        ConflictCommand command = new ConflictCommand(UUID.randomUUID().toString(), conflictId.value(), kind, expected, method, note,
                escalateTo, reason, caller.actor(), clock.instant().truncatedTo(ChronoUnit.MILLIS), traceparent(exchange),
                caller.admin(), caller.ungranted(), caller.tenant() == null ? null : caller.tenant().name());
        return gateway.send(command).map(outcome -> switch (outcome.result()) {
            case APPLIED -> ResponseEntity.ok()
                    .eTag(Long.toString(outcome.version()))
                    .body(new TransitionResponse(command.conflictId(), String.valueOf(outcome.calendarId()),
                            Objects.requireNonNull(outcome.status()), outcome.version(), command.requestedAt(), command.actor()));
            case NOT_HERE -> throw ProblemException.notFound("id", "no conflict has the id '" + command.conflictId() + "'");
            case INVALID_TRANSITION -> throw ProblemException.conflict("id", String.valueOf(outcome.rule()), String.valueOf(outcome.message()));
            case STALE_VERSION -> throw ProblemException.preconditionFailed(String.valueOf(outcome.message()));
            case FORBIDDEN -> throw ProblemException.forbidden("id", String.valueOf(outcome.rule()), "manager",
                    String.valueOf(outcome.message()));
            case RESCANNED, FAILED -> throw new IllegalStateException("a transition was answered with " + outcome.result());
        });
    }

    private static ConflictId conflictId(String id) {
        try {
            return ConflictId.of(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("id", "pattern", e.getMessage());
        }
    }

    /** A lifecycle command must name the version it was decided on; {@code *} names none. */
    private static long expectedVersion(@Nullable String ifMatch) {
        if (ifMatch == null) {
            throw ProblemException.invalid("If-Match", "required",
                    "If-Match is required: the conflict's ETag, such as \"3\", from GET /api/v1/conflicts/{id}");
        }
        Matcher matcher = STRONG_ETAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw ProblemException.invalid("If-Match", "etag",
                    "If-Match must be one strong ETag of the conflict, such as \"3\", but was '" + StrictInputModule.printable(ifMatch) + "'");
        }
        return Long.parseLong(matcher.group(1));
    }
}
