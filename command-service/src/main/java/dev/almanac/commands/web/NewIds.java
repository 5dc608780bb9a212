package dev.almanac.commands.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.web.server.ServerWebExchange;

/**
 * Server-assigned ids of new resources. A request with an {@code Idempotency-Key} gets an id
 * derived from its actor, key and path, so that running it again (after its first run was cut
 * off before its answer was kept) creates nothing new: the creation is then a repeat of the same
 * id. Without a key, the id is random.
 */
public final class NewIds {

    /** The exchange attribute that holds the request's idempotency scope: its actor and key. */
    public static final String IDEMPOTENCY_SCOPE = NewIds.class.getName() + ".idempotencyScope";

    private NewIds() {
    }

    public static String of(ServerWebExchange exchange) {
        Object scope = exchange.getAttribute(IDEMPOTENCY_SCOPE);
        if (scope == null) {
            return UUID.randomUUID().toString();
        }
        String name = scope + "\n" + exchange.getRequest().getPath().value();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
