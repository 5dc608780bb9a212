package dev.almanac.commands.subscription;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.commands.web.CommandDispatcher;
import dev.almanac.commands.web.PathIds;
import dev.almanac.events.Identifiers;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.platform.problem.ProblemException;

@RestController
@RequestMapping("/api/v1/calendars/{id}/subscriptions")
@Tag(name = "Calendar subscriptions", description = "Secret feed URLs by which calendar clients read a calendar without a bearer token")
class SubscriptionController {

    /** Where query-service serves a subscription's feed: the token is the credential, so no bearer header is needed. */
    static final String FEED_PATH = "/api/v1/feeds/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandDispatcher commands;

    SubscriptionController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(summary = "Subscribe to a calendar from a calendar client",
            description = "Issues a secret feed URL for the calendar to the caller, who must be able to read it (viewer or more, "
                    + "403 rule role; 404 without such a calendar). The answer (201) holds the token and feed_url once: Almanac "
                    + "keeps only the token's SHA-256, so it cannot be shown again. GET feed_url (query-service) answers the "
                    + "calendar's export.ics (series, its default window) without any Authorization header, as Google Calendar, "
                    + "Outlook and Apple Calendar fetch it, with the caller's rights: while they may read the calendar. Revoke "
                    + "it with DELETE .../subscriptions/{subscription_id}; a revoked or unknown token answers 404. The token is "
                    + "32 random bytes, base64url without padding (43 characters).")
    Mono<ResponseEntity<SubscriptionResponse>> issue(@PathVariable String id, ServerWebExchange exchange) {
        CalendarId calendarId = PathIds.parse("id", id, CalendarId::of);
        String token = newToken();
        String subscriptionId = "sub-" + UUID.randomUUID();
        IssueCalendarSubscription command = new IssueCalendarSubscription(subscriptionId, calendarId, sha256(token));
        String actor = commands.metadataOf(exchange).actor();
        return commands.<Object>send(command, exchange, () -> ProblemException.notFound("id", "no calendar " + calendarId))
                .then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.CREATED)
                        .header("Location", "/api/v1/calendars/" + calendarId + "/subscriptions/" + subscriptionId)
                        .body(new SubscriptionResponse(subscriptionId, calendarId.value(), actor, token, FEED_PATH + token + ".ics"))));
    }

    @DeleteMapping("/{subscriptionId}")
    @Operation(summary = "Revoke a calendar subscription",
            description = "Revokes the subscription for good: its feed answers 404 from then on (once query-service has read the "
                    + "revocation, normally within a second). Only its user or an admin may revoke it (403, rule owner); a "
                    + "subscription of another calendar, or none, answers 404. Revoking it again changes nothing (204).")
    Mono<ResponseEntity<Void>> revoke(@PathVariable String id, @PathVariable String subscriptionId, ServerWebExchange exchange) {
        CalendarId calendarId = PathIds.parse("id", id, CalendarId::of);
        PathIds.parse("subscription_id", subscriptionId, value -> Identifiers.requireValid(value, "subscription id"));
        RevokeCalendarSubscription command = new RevokeCalendarSubscription(subscriptionId, calendarId);
        return commands.<Object>send(command, exchange,
                        () -> ProblemException.notFound("subscription_id", "calendar " + calendarId + " has no subscription " + subscriptionId))
                .then(Mono.fromSupplier(() -> ResponseEntity.noContent().<Void>build()));
    }

    /** 32 bytes from a strong random source, base64url without padding: a URL path segment as it is. */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
