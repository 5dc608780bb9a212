package dev.almanac.commands.web;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

import dev.almanac.events.Identifiers;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.input.StrictInputModule;
import dev.almanac.platform.problem.ProblemException;

/**
 * What a command carries besides its payload: the acting user (and whether they are an admin) and, when the caller sent them,
 * the W3C trace context and a correlation id. Axon copies them onto every event the command
 * causes, with the command's own id as the events' causation id (EventStoreConfiguration).
 */
public record CommandMetadata(String actor, boolean admin, @Nullable String traceparent, @Nullable String correlationId) {

    public static final String ACTOR = "actor";
    /** Present and true when the actor is an admin; not copied onto events, which record only the actor. */
    public static final String ACTOR_ADMIN = "actorAdmin";
    public static final String TRACEPARENT = "traceparent";
    /** Ties together everything one request caused; a client may name it with {@link #CORRELATION_HEADER}. */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the message that caused an event: for command-service's events, the command. */
    public static final String CAUSATION_ID = "causationId";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    /**
     * A malformed traceparent is dropped, as W3C Trace Context requires, rather than rejected. A
     * correlation id that is not an identifier is refused: a client that names one relies on it.
     */
    /** A command of a user who is not an admin, or of the system acting for one. */
    public CommandMetadata(String actor, @Nullable String traceparent, @Nullable String correlationId) {
        this(actor, false, traceparent, correlationId);
    }

    public static CommandMetadata of(Caller caller, ServerWebExchange exchange) {
        String traceparent = exchange.getRequest().getHeaders().getFirst(TRACEPARENT);
        String correlationId = exchange.getRequest().getHeaders().getFirst(CORRELATION_HEADER);
        if (correlationId != null && !Identifiers.isValid(correlationId)) {
            throw ProblemException.invalid(CORRELATION_HEADER, "format", CORRELATION_HEADER
                    + " must be 1-128 letters, digits or . _ : - and start with a letter or digit, but was '"
                    + StrictInputModule.printable(correlationId) + "'");
        }
        return new CommandMetadata(caller.actor(), caller.admin(),
                traceparent != null && TRACEPARENT_FORMAT.matcher(traceparent).matches() ? traceparent : null, correlationId);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> map = new HashMap<>();
        map.put(ACTOR, actor);
        if (admin) {
            map.put(ACTOR_ADMIN, true);
        }
        if (traceparent != null) {
            map.put(TRACEPARENT, traceparent);
        }
        if (correlationId != null) {
            map.put(CORRELATION_ID, correlationId);
        }
        return map;
    }
}
