package dev.almanac.commands.web;

import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.Identifiers;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.input.StrictInputModule;
import dev.almanac.platform.problem.ProblemException;

/**
 * Who is acting: the caller the platform's security chain resolved (a bearer token's subject, or
 * in development mode the {@code X-Almanac-User} header or the development identity; ADR 0027),
 * recorded on every event the command causes.
 */
@Component
public class Actors {

    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    /**
     * The request's metadata. A malformed traceparent is dropped, as W3C Trace Context requires, rather than rejected. A
     * correlation id that is not an identifier is refused: a client that names one relies on it.
     */
    public CommandMetadata metadataOf(ServerWebExchange exchange) {
        Caller caller = Callers.of(exchange);
        String traceparent = exchange.getRequest().getHeaders().getFirst(CommandMetadata.TRACEPARENT);
        String correlationId = exchange.getRequest().getHeaders().getFirst(CommandMetadata.CORRELATION_HEADER);
        if (correlationId != null && !Identifiers.isValid(correlationId)) {
            throw ProblemException.invalid(CommandMetadata.CORRELATION_HEADER, "format", CommandMetadata.CORRELATION_HEADER
                    + " must be 1-128 letters, digits or . _ : - and start with a letter or digit, but was '"
                    + StrictInputModule.printable(correlationId) + "'");
        }
        return new CommandMetadata(caller.actor(), caller.admin(), caller.ungranted(),
                traceparent != null && TRACEPARENT_FORMAT.matcher(traceparent).matches() ? traceparent : null, correlationId);
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
