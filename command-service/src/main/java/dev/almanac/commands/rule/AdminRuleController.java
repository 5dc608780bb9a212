package dev.almanac.commands.rule;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.commands.web.Actors;
import dev.almanac.commands.web.ConsistencyTokenOpenApi;
import dev.almanac.commands.web.NewIds;
import dev.almanac.platform.identity.Caller;

/**
 * The emergency control of F033-PAUSE-ALL: pause every recurring rule at once, and undo exactly that. In multi-tenant mode
 * every rule is every rule of the tenant the admin acts in (ADR 0102): an admin acts on no other tenant's.
 */
@RestController
@RequestMapping("/api/v1/admin/rules")
@Tag(name = "rules-admin", description = "Emergency pause of every recurring rule, and its undo")
class AdminRuleController {

    private final EmergencyPauses pauses;
    private final EmergencySweep sweep;
    private final Actors actors;
    private final Clock clock;

    AdminRuleController(EmergencyPauses pauses, EmergencySweep sweep, Actors actors, Clock clock) {
        this.pauses = pauses;
        this.sweep = sweep;
        this.actors = actors;
        this.clock = clock;
    }

    @PostMapping("/pause-all")
    @Operation(summary = "Pause every recurring rule (emergency)",
            description = "Answers 202 at once with the emergency's id; a sweep on any replica then pauses every running rule "
                    + "(RulePaused with emergency_pause_id), page by page, keeping its progress in PostgreSQL, so it continues "
                    + "after a crash. Rules already paused, disabled or deleted are left alone, so the undo never resumes them. "
                    + "Rules created meanwhile are not paused. The body may be left out; reason (at most 256 characters) is "
                    + "each pause's reason. While an emergency is open another is refused (409, rule emergency_open). Only an "
                    + "admin may (403, rule role). In multi-tenant mode it pauses the rules of the caller's tenant only (a "
                    + "platform admin's: of the tenant X-Almanac-Tenant names), the answer names that tenant, its id begins "
                    + "with it, and each tenant has an emergency of its own: another tenant's open one is no refusal.",
            extensions = @Extension(properties = @ExtensionProperty(name = ConsistencyTokenOpenApi.WRITES_LATER,
                    value = "the emergency's id and phase; each rule's pause is written by the sweep, with no consistency token")))
    @ApiResponse(responseCode = "202", description = "The emergency is open; its sweep pauses the rules")
    Mono<ResponseEntity<EmergencyPauseResponse>> pauseAll(
            @Valid @RequestBody(required = false) @Nullable ReasonRequest request, ServerWebExchange exchange) {
        Caller admin = actors.requireAdmin(exchange, "an emergency pause");
        String id = NewIds.of(exchange, "emergency-");
        return Mono.fromCallable(() -> pauses.open(id, admin.tenant(), request == null ? null : request.reason(),
                        clock.instant().truncatedTo(ChronoUnit.MILLIS), admin.actor()))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(opened -> sweep.sweepSoon())
                .map(pause -> ResponseEntity.accepted().body(EmergencyPauseResponse.of(pause)));
    }

    @PostMapping("/resume-all")
    @Operation(summary = "Undo the emergency pause",
            description = "Answers 202; the sweep then resumes exactly the rules the open emergency paused and that are still "
                    + "paused by it: a rule paused, resumed, disabled or deleted by anyone since is left as it is. Undoing while "
                    + "the pause still sweeps stops it. Without an open emergency it is refused (409, rule no_emergency). Only an "
                    + "admin may (403, rule role). In multi-tenant mode it undoes the open emergency of the caller's tenant "
                    + "(a platform admin's: of the tenant X-Almanac-Tenant names), and no other tenant's.",
            extensions = @Extension(properties = @ExtensionProperty(name = ConsistencyTokenOpenApi.WRITES_LATER,
                    value = "the emergency's id and phase; each rule's resume is written by the sweep, with no consistency token")))
    @ApiResponse(responseCode = "202", description = "The emergency is undone; its sweep resumes the rules it paused")
    Mono<ResponseEntity<EmergencyPauseResponse>> resumeAll(ServerWebExchange exchange) {
        Caller admin = actors.requireAdmin(exchange, "undoing an emergency pause");
        return Mono.fromCallable(() -> pauses.resume(admin.tenant(), clock.instant().truncatedTo(ChronoUnit.MILLIS), admin.actor()))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(undone -> sweep.sweepSoon())
                .map(pause -> ResponseEntity.accepted().body(EmergencyPauseResponse.of(pause)));
    }
}
