package dev.almanac.commands.command;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Tenant;
import dev.almanac.events.calendar.UngrantedCalendars;

/**
 * What a command carries besides its payload: the acting user (and whether they are an admin) and, when the caller sent them,
 * the W3C trace context and a correlation id. Axon copies them onto every event the command
 * causes, with the command's own id as the events' causation id (EventStoreConfiguration). The web
 * adapter reads them from a request ({@code Actors}); the emergency sweep names its admin itself.
 * In multi-tenant mode it carries the tenant the request acts in, and whether a platform admin chose it (ADR 0102);
 * in single-tenant mode neither, and the map is what it always was.
 */
public record CommandMetadata(String actor, boolean admin, UngrantedCalendars ungranted, @Nullable String traceparent,
                              @Nullable String correlationId, @Nullable Tenant tenant, boolean platformAdmin) {

    public static final String ACTOR = "actor";
    /** Present and true when the actor is an admin; not copied onto events, which record only the actor. */
    public static final String ACTOR_ADMIN = "actorAdmin";
    /**
     * What a calendar without grants lets the actor do ({@link UngrantedCalendars}, by the identity mode, ADR 0086); every
     * command this service sends carries it. Not copied onto events.
     */
    public static final String ACTOR_UNGRANTED = "actorUngrantedCalendars";
    /** The tenant the actor acts in (multi-tenant mode only, ADR 0102); not copied onto events, whose ids name it. */
    public static final String ACTOR_TENANT = "actorTenant";
    /** Present and true when a platform admin acts as the admin of {@link #ACTOR_TENANT}; not copied onto events. */
    public static final String ACTOR_PLATFORM_ADMIN = "actorPlatformAdmin";
    public static final String TRACEPARENT = "traceparent";
    /** Ties together everything one request caused; a client may name it with {@link #CORRELATION_HEADER}. */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the message that caused an event: for command-service's events, the command. */
    public static final String CAUSATION_ID = "causationId";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    /** A command of a user who is not an admin, or of the system acting for one, denied by default. */
    public CommandMetadata(String actor, @Nullable String traceparent, @Nullable String correlationId) {
        this(actor, false, UngrantedCalendars.CLOSED, traceparent, correlationId);
    }

    /** A command of a single-tenant deployment. */
    public CommandMetadata(String actor, boolean admin, UngrantedCalendars ungranted, @Nullable String traceparent,
                           @Nullable String correlationId) {
        this(actor, admin, ungranted, traceparent, correlationId, null, false);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> map = new HashMap<>();
        map.put(ACTOR, actor);
        if (admin) {
            map.put(ACTOR_ADMIN, true);
        }
        map.put(ACTOR_UNGRANTED, ungranted.name());
        if (tenant != null) {
            map.put(ACTOR_TENANT, tenant.name());
        }
        if (platformAdmin) {
            map.put(ACTOR_PLATFORM_ADMIN, true);
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
