package dev.almanac.commands.notification;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.commands.web.CommandDispatcher;
import dev.almanac.commands.web.PathIds;
import dev.almanac.commands.web.Versions;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.notification.CalendarNotificationPolicySet;
import dev.almanac.platform.problem.ProblemException;

@RestController
@Tag(name = "notifications", description = "How notifications reach the caller: e-mail, webhook, quiet hours, digests, suppression")
class PolicyController {

    private final CommandDispatcher commands;

    PolicyController(CommandDispatcher commands) {
        this.commands = commands;
    }

    /** The policy as set, with its version. */
    record PolicyResponse(String calendarId, List<String> suppress, @Nullable String reason, long version) {
    }

    @PutMapping("/api/v1/calendars/{id}/notification-policy")
    @Operation(summary = "Set what a calendar's notifications do for everyone",
            description = "Sets the calendar's notification policy, whole: suppress [normal|low] keeps notifications of those "
                    + "categories about this calendar from everyone's e-mail and webhooks, whatever their own preferences (seed "
                    + "001: category low may suppress alerts by policy); the centre still lists them, and their history names the "
                    + "policy. critical is never suppressed for everyone (400, rule critical_always_alerts). [] lifts the policy. "
                    + "Only a manager of the calendar may set it (403, rule role); an unknown calendar is 404. The same policy "
                    + "again changes nothing (same version). If-Match: \"<version>\" turns a lost update into 412.")
    Mono<ResponseEntity<PolicyResponse>> set(@PathVariable String id, @RequestBody PolicyRequest request,
                                             @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                             ServerWebExchange exchange) {
        CalendarId calendarId = PathIds.parse("id", id, CalendarId::of);
        CalendarNotificationPolicySet policy = request.toPolicy(calendarId);
        SetCalendarNotificationPolicy command = new SetCalendarNotificationPolicy(policy, Versions.expected(ifMatch));
        return commands.<Long>send(command, exchange, () -> ProblemException.notFound("If-Match", "no notification policy of " + id + " yet"))
                .map(version -> ResponseEntity.ok().eTag(Versions.etag(version)).body(new PolicyResponse(calendarId.value(),
                        policy.suppress().stream().map(category -> category.name().toLowerCase(Locale.ROOT)).toList(),
                        policy.reason(), version)));
    }
}
