package dev.almanac.commands.command;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;

import org.axonframework.messaging.Message;
import org.jspecify.annotations.Nullable;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;

import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.platform.identity.Caller;

/**
 * Lets a command handler take the acting {@link Caller}, read from the command's metadata
 * ({@link CommandMetadata#ACTOR}, {@link CommandMetadata#ACTOR_ADMIN}, {@link CommandMetadata#ACTOR_UNGRANTED}, and in
 * multi-tenant mode {@link CommandMetadata#ACTOR_TENANT} and {@link CommandMetadata#ACTOR_PLATFORM_ADMIN}). Found through
 * {@code META-INF/services}, so every Axon component that inspects a handler can resolve it, with or
 * without Spring. A command without an actor acts as the system, which is no admin. Only a test sends one: every command
 * the service sends names its actor and what calendars without grants let them do.
 */
public class CallerParameters implements ParameterResolverFactory {

    static final Caller SYSTEM = new Caller(UserId.of("system"), false, UngrantedCalendars.OPEN);

    @Override
    public @Nullable ParameterResolver<Caller> createInstance(Executable executable, Parameter[] parameters, int parameterIndex) {
        if (!Caller.class.equals(parameters[parameterIndex].getType())) {
            return null;
        }
        return new ParameterResolver<>() {
            @Override
            public Caller resolveParameterValue(Message<?> message) {
                return callerOf(message);
            }

            @Override
            public boolean matches(Message<?> message) {
                return true;
            }
        };
    }

    public static Caller callerOf(Message<?> message) {
        Object actor = message.getMetaData().get(CommandMetadata.ACTOR);
        if (actor == null) {
            return SYSTEM;
        }
        // Every command the service sends names it (CommandMetadata.asMap); one built by hand, as a test's, reads as development mode's.
        Object ungranted = message.getMetaData().get(CommandMetadata.ACTOR_UNGRANTED);
        Object tenant = message.getMetaData().get(CommandMetadata.ACTOR_TENANT);
        return new Caller(UserId.of(actor.toString()), Boolean.TRUE.equals(message.getMetaData().get(CommandMetadata.ACTOR_ADMIN)),
                ungranted == null ? UngrantedCalendars.OPEN : UngrantedCalendars.valueOf(ungranted.toString()),
                tenant == null ? null : Tenant.of(tenant.toString()),
                Boolean.TRUE.equals(message.getMetaData().get(CommandMetadata.ACTOR_PLATFORM_ADMIN)));
    }
}
