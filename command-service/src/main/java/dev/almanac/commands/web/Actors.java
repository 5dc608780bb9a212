package dev.almanac.commands.web;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.problem.ProblemException;

/**
 * Who is acting: the caller the platform's security chain resolved (a bearer token's subject, or
 * in development mode the {@code X-Almanac-User} header or the development identity; ADR 0027),
 * recorded on every event the command causes.
 */
@Component
public class Actors {

    public CommandMetadata metadataOf(ServerWebExchange exchange) {
        return CommandMetadata.of(Callers.of(exchange), exchange);
    }

    /** @throws ProblemException 403 unless the caller is an admin (seed 000's emergency controls, seed 003's Admin) */
    public Caller requireAdmin(ServerWebExchange exchange, String what) {
        Caller caller = Callers.of(exchange);
        if (!caller.admin()) {
            throw ProblemException.forbidden("Authorization", "role", "admin", what + " needs the admin role; " + caller.actor()
                    + " is not an admin");
        }
        return caller;
    }
}
