package dev.almanac.commands.web;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a command carries besides its payload: the acting user and, when the caller sent one,
 * the W3C trace context. Axon copies both onto every event the command causes.
 */
public record CommandMetadata(String actor, @Nullable String traceparent) {

    public static final String ACTOR = "actor";
    public static final String TRACEPARENT = "traceparent";

    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    /** A malformed traceparent is dropped, as W3C Trace Context requires, rather than rejected. */
    public static CommandMetadata of(String actor, ServerWebExchange exchange) {
        String traceparent = exchange.getRequest().getHeaders().getFirst(TRACEPARENT);
        return new CommandMetadata(actor,
                traceparent != null && TRACEPARENT_FORMAT.matcher(traceparent).matches() ? traceparent : null);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> map = new HashMap<>();
        map.put(ACTOR, actor);
        if (traceparent != null) {
            map.put(TRACEPARENT, traceparent);
        }
        return map;
    }
}
