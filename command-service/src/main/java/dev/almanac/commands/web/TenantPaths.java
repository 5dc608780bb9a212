package dev.almanac.commands.web;

import java.util.Map;
import java.util.Set;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

import dev.almanac.events.Tenant;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.problem.ProblemException;

/**
 * The tenant's boundary on every command endpoint's path (ADR 0102): an id in the path of another tenant than the
 * caller's is answered as an id that does not exist, with the endpoint's own 404, before the body is read or validated,
 * before If-Match and before any role is checked. Spring runs a {@code @ModelAttribute} method of an advice before it
 * resolves the handler's arguments. Every path variable is checked unless it is listed here as scoped by the entity the
 * path names first, so a new endpoint cannot leave one out: an unlisted name answers the 404 of its own field.
 * Commands are checked again where they are handled ({@code TenantBoundary}); this check answers first.
 */
@ControllerAdvice(basePackages = "dev.almanac.commands")
class TenantPaths {

    /**
     * Ids that exist only inside the entity the path names first, which is checked: an attachment, a reminder, a rule's
     * occurrence, its change request, a calendar's subscription. Their handlers answer 404 for one that entity lacks.
     */
    private static final Set<String> SCOPED_BY_THE_FIRST = Set.of("attachmentId", "reminderId", "occurrenceId", "changeRequestId",
            "subscriptionId");

    @ModelAttribute
    void requireTheCallersTenant(@PathVariable Map<String, String> variables, ServerWebExchange exchange) {
        if (variables.isEmpty()) {
            return;
        }
        Object resolved = exchange.getAttribute(Callers.ATTRIBUTE);
        if (!(resolved instanceof Caller caller) || caller.tenant() == null) {
            return;
        }
        String pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof PathPattern matched
                ? matched.getPatternString() : exchange.getRequest().getPath().value();
        String id = variables.get("id");
        if (id != null && !caller.mayKnow(id)) {
            // As the endpoint answers when neither exists: a part names the entity and itself, anything else the entity.
            if (variables.containsKey("subscriptionId")) {
                throw ProblemException.notFound("subscription_id", "calendar " + id + " has no subscription " + variables.get("subscriptionId"));
            }
            if (variables.containsKey("changeRequestId")) {
                throw ProblemException.notFound("change_request_id", "rule " + id + " has no change request " + variables.get("changeRequestId"));
            }
            throw ProblemException.notFound("id", "no " + kindNamedBy(pattern) + " " + id);
        }
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            String name = variable.getKey();
            String value = variable.getValue();
            if (name.equals("id") || SCOPED_BY_THE_FIRST.contains(name) || caller.mayKnow(value)) {
                continue;
            }
            throw switch (name) {
                // As UnlinkItems answers a follower that does not exist.
                case "followerId" -> ProblemException.notFound("followerId", "no item " + value);
                // A grant names a user: another tenant's is refused as a grant to them is (422 user_id).
                case "user" -> ProblemException.unprocessable("user", "tenant", "user " + value + " is no user of the caller's"
                        + " tenant: an id here begins with " + tenantOf(caller).prefix());
                default -> ProblemException.notFound(name, "not found");
            };
        }
    }

    private static Tenant tenantOf(Caller caller) {
        Tenant tenant = caller.tenant();
        if (tenant == null) {
            throw new IllegalStateException("only a caller of a tenant is checked");
        }
        return tenant;
    }

    /** What the path's first id names, as the endpoint's own 404 says it. */
    private static String kindNamedBy(String pattern) {
        if (pattern.startsWith("/api/v1/schedules/rules/")) {
            return "rule";
        }
        if (pattern.startsWith("/api/v1/schedules/")) {
            return "item";
        }
        if (pattern.startsWith("/api/v1/calendars/")) {
            return "calendar";
        }
        if (pattern.startsWith("/api/v1/resources/")) {
            return "resource";
        }
        return "entity";
    }
}
