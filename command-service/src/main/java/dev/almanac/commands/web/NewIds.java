package dev.almanac.commands.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.web.server.ServerWebExchange;

import dev.almanac.events.Tenant;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;

/**
 * Server-assigned ids of new resources. A request with an {@code Idempotency-Key} gets an id
 * derived from its actor, key and path, so that running it again (after its first run was cut
 * off before its answer was kept) creates nothing new: the creation is then a repeat of the same
 * id. Without a key, the id is random. In multi-tenant mode either begins with the request's tenant.
 */
public final class NewIds {

    /** The exchange attribute that holds the request's idempotency scope: its actor and key. */
    public static final String IDEMPOTENCY_SCOPE = NewIds.class.getName() + ".idempotencyScope";

    private NewIds() {
    }

    /** A new id; in multi-tenant mode {@code <tenant>:<uuid>}, of the tenant the request acts in (ADR 0102). */
    public static String of(ServerWebExchange exchange) {
        return of(exchange, "");
    }

    /** A new id of a kind the id says first, {@code <kind><uuid>}; in multi-tenant mode {@code <tenant>:<kind><uuid>}. */
    public static String of(ServerWebExchange exchange, String kind) {
        Object scope = exchange.getAttribute(IDEMPOTENCY_SCOPE);
        String local;
        if (scope == null) {
            local = UUID.randomUUID().toString();
        } else {
            String name = scope + "\n" + exchange.getRequest().getPath().value();
            local = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        }
        Object caller = exchange.getAttribute(Callers.ATTRIBUTE);
        Tenant tenant = caller instanceof Caller known ? known.tenant() : null;
        return tenant == null ? kind + local : tenant.qualify(kind + local);
    }
}
