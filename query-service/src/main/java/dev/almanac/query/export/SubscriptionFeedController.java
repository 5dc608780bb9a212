package dev.almanac.query.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.almanac.events.Tenant;
import dev.almanac.events.TimeRange;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.IdentityMode;
import dev.almanac.platform.identity.TenancyMode;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.access.CalendarAccesses;
import dev.almanac.query.access.CallerRoles;
import dev.almanac.query.access.EntryDisclosure;
import dev.almanac.query.calendar.CalendarView;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.subscription.Subscription;
import dev.almanac.query.subscription.Subscriptions;

/**
 * A calendar's iCalendar feed by a subscription's secret token (ADR 0082), for calendar clients that cannot send a bearer
 * token. The token is the credential: it is hashed and looked up, and the feed reads with the rights of the user it was
 * issued to, as they are now.
 */
@RestController
@Tag(name = "Calendar export")
public class SubscriptionFeedController {

    /** 32 bytes in base64url without padding, as command-service issues them. */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final Subscriptions subscriptions;
    private final CalendarAccesses accesses;
    private final Calendars calendars;
    private final CalendarExportController exports;
    private final RuleTimelines ruleTimelines;
    /** What a calendar without grants lets the subscription's user do: as the identity mode lets any caller (ADR 0086). */
    private final UngrantedCalendars ungranted;
    private final boolean multiTenant;

    public SubscriptionFeedController(Subscriptions subscriptions, CalendarAccesses accesses, Calendars calendars,
                                      CalendarExportController exports, RuleTimelines ruleTimelines,
                                      @Value("${almanac.identity.mode:jwt}") String mode,
                                      @Value("${almanac.identity.tenancy:single}") String tenancy) {
        this.multiTenant = TenancyMode.MULTI.name().equalsIgnoreCase(tenancy.trim());
        this.ruleTimelines = ruleTimelines;
        this.ungranted = IdentityMode.of(mode) == IdentityMode.DEVELOPMENT ? UngrantedCalendars.OPEN : UngrantedCalendars.CLOSED;
        this.subscriptions = subscriptions;
        this.accesses = accesses;
        this.calendars = calendars;
        this.exports = exports;
    }

    @GetMapping("/api/v1/feeds/{token}.ics")
    @SecurityRequirements
    @Operation(summary = "A subscribed calendar's iCalendar feed, by its secret token",
            description = """
                    What export.ics answers with its defaults (rules as series; from 00:00 UTC today minus 7 days, for 97 \
                    days) for the calendar of the subscription whose token this is, issued by POST \
                    /api/v1/calendars/{id}/subscriptions (command-service). No Authorization header is needed or read: the \
                    token is the credential, so keep the URL secret. The feed reads with the rights of the user it was \
                    issued to, as they are now: while that user may not read the calendar (a grant was withdrawn), it \
                    answers 403. A token that is not 43 base64url characters answers 400 (field token, rule format); an \
                    unknown or revoked one 404 (field token). If-None-Match with the ETag answers 304, so polling clients \
                    cost little.""")
    @ApiResponse(responseCode = "200", description = "The iCalendar document",
            content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string")))
    @ProblemResponse(responseCode = "400", description = "The token is malformed (token, format)")
    @ProblemResponse(responseCode = "403", description = "The subscription's user may no longer read the calendar (token, role)")
    @ProblemResponse(responseCode = "404", description = "No subscription has this token, or it was revoked (token)")
    public Mono<ResponseEntity<String>> feed(
            @Parameter(description = "The subscription's secret token", example = "q2Vb6c1mZ0yHqk3n7J5s9XG0w4cK8eT1uP2rA6dF3hL")
            @PathVariable String token) {
        if (!TOKEN.matcher(token).matches()) {
            return Mono.error(ProblemException.invalid("token", "format",
                    "token must be the 43 base64url characters a subscription was issued with"));
        }
        return subscriptions.find(sha256(token))
                .filter(subscription -> !subscription.revoked())
                // A subscription to a calendar outside its user's tenant was never issued (ADR 0102): as a token never issued.
                .filter(this::withinItsTenant)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("token", "no subscription has this token, or it was revoked")))
                .flatMap(subscription -> readable(subscription).then(calendars.require(subscription.calendarId()))
                        .zipWith(disclosure(subscription)))
                .flatMap(found -> {
                    CalendarView calendar = found.getT1();
                    Instant today = exports.today();
                    Instant from = today.minus(CalendarExportController.DEFAULT_LOOKBACK);
                    TimeRange window = new TimeRange(from, from.plus(CalendarExportController.DEFAULT_LENGTH));
                    return exports.icalendar(calendar, window, today, CalendarExportController.RuleForm.SERIES, "token", found.getT2());
                });
    }

    /** What the subscription's user is shown of the calendar's entries (ADR 0096): a feed reads as its user would. */
    private Mono<EntryDisclosure> disclosure(Subscription subscription) {
        Caller user = user(subscription);
        return accesses.find(subscription.calendarId())
                .map(view -> CallerRoles.of(user, Map.of(subscription.calendarId(), view.access())))
                .defaultIfEmpty(CallerRoles.of(user, Map.of()))
                .zipWith(ruleTimelines.snapshot(), EntryDisclosure::of);
    }

    /** Always in single-tenant mode; in multi-tenant mode, whether the calendar is of the tenant its user's id begins with. */
    private boolean withinItsTenant(Subscription subscription) {
        return !multiTenant || Tenant.ofId(subscription.userId()).filter(tenant -> tenant.owns(subscription.calendarId())).isPresent();
    }

    /** The subscription's user, as whom its feed reads: in multi-tenant mode of their tenant. */
    private Caller user(Subscription subscription) {
        UserId user = UserId.of(subscription.userId());
        Tenant tenant = multiTenant ? Tenant.ofId(user.value()).orElse(null) : null;
        return new Caller(user, false, ungranted, tenant, false);
    }

    /** Completes when the subscription's user may read its calendar now (ADR 0060); else a 403 naming the token. */
    private Mono<Void> readable(Subscription subscription) {
        UserId user = UserId.of(subscription.userId());
        return accesses.find(subscription.calendarId())
                .map(view -> view.access().allows(user, false, CalendarRole.VIEWER, ungranted))
                .defaultIfEmpty(true)
                .flatMap(allowed -> allowed ? Mono.<Void>empty() : Mono.error(ProblemException.forbidden("token", "role",
                        CalendarRole.VIEWER.wireName(), "the subscription's user, " + user + ", may no longer read calendar "
                                + subscription.calendarId())));
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
