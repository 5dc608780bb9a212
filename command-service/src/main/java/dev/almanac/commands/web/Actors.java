package dev.almanac.commands.web;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.Identifiers;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.input.StrictInputModule;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.tracing.TraceContexts;

/**
 * Who is acting: the caller the platform's security chain resolved (a bearer token's subject, or
 * in development mode the {@code X-Almanac-User} header or the development identity; ADR 0027),
 * recorded on every event the command causes.
 */
@Component
public class Actors {

    /**
     * The request's metadata. Its trace is the request's server span, which continues the request's {@code traceparent}
     * or starts a new trace ({@link TraceContexts#ofRequest}); a malformed traceparent is dropped, as W3C Trace Context
     * requires, rather than rejected. A correlation id that is not an identifier is refused: a client that names one
     * relies on it.
     */
    public CommandMetadata metadataOf(ServerWebExchange exchange) {
        Caller caller = Callers.of(exchange);
        String correlationId = exchange.getRequest().getHeaders().getFirst(CommandMetadata.CORRELATION_HEADER);
        if (correlationId != null && !Identifiers.isValid(correlationId)) {
            throw ProblemException.invalid(CommandMetadata.CORRELATION_HEADER, "format", CommandMetadata.CORRELATION_HEADER
                    + " must be 1-128 letters, digits or . _ : - and start with a letter or digit, but was '"
                    + StrictInputModule.printable(correlationId) + "'");
        }
        return new CommandMetadata(caller.actor(), caller.admin(), caller.ungranted(), TraceContexts.ofRequest(exchange),
                correlationId, caller.tenant(), caller.platformAdmin());
    }

    /** @throws ProblemException 403 unless the caller is an admin (F033-PAUSE-ALL's emergency controls, SCH-ROLES' admin) */
    public Caller requireAdmin(ServerWebExchange exchange, String what) {
        Caller caller = Callers.of(exchange);
        if (!caller.admin()) {
            throw ProblemException.forbidden("Authorization", "role", "admin", what + " needs the admin role; " + caller.actor()
                    + " is not an admin");
        }
        return caller;
    }
}
