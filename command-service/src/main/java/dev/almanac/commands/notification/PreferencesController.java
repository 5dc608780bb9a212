package dev.almanac.commands.notification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.commands.web.CommandDispatcher;
import dev.almanac.commands.web.Versions;
import dev.almanac.events.UserId;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.secret.SecretSeal;

@RestController
@RequestMapping("/api/v1/notification-preferences")
@Tag(name = "notifications", description = "How notifications reach the caller: e-mail, webhook, quiet hours, digests, suppression")
class PreferencesController {

    private final CommandDispatcher commands;
    private final SecretSeal seal;

    PreferencesController(CommandDispatcher commands, SecretSeal seal) {
        this.commands = commands;
        this.seal = seal;
    }

    @PutMapping
    @Operation(summary = "Set how notifications reach you",
            description = "Sets the caller's own preferences, whole: zone (IANA, in which quiet hours are read), email, webhook "
                    + "{url, format slack|json, secret of 16-256 characters that signs each request, Almanac-Signature as in "
                    + "docs/executor.md}, channels per category ({\"critical\": [\"centre\", \"email\", \"webhook\"]}; a category "
                    + "not named reaches the centre and every channel configured), quiet_hours {start, end} as HH:MM (a start "
                    + "after the end spans midnight; what comes meanwhile is held until the end), digest {window_minutes} "
                    + "(notifications of one kind within the window after the first go out as one message) and suppress "
                    + "[{category, calendar_id}] (kept from e-mail and webhook; their history names the rule). The centre lists "
                    + "every notification regardless. Every invalid field is named in one 400 problem. The same set again "
                    + "changes nothing (same version). If-Match: \"<version>\" turns a lost update into 412. The secret is "
                    + "never echoed: the answer says secret_set.")
    Mono<ResponseEntity<PreferencesResponse>> set(@RequestBody PreferencesRequest request,
                                                  @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  ServerWebExchange exchange) {
        UserId user = UserId.of(commands.metadataOf(exchange).actor());
        NotificationPreferencesSet preferences = request.toPreferences(user, seal);
        SetNotificationPreferences command = new SetNotificationPreferences(preferences, Versions.expected(ifMatch));
        return commands.<Long>send(command, exchange, () -> ProblemException.notFound("If-Match", "no preferences of " + user + " yet"))
                .map(version -> ResponseEntity.ok().eTag(Versions.etag(version)).body(PreferencesResponse.of(preferences, version)));
    }
}
