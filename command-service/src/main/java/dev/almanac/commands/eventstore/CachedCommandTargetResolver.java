package dev.almanac.commands.eventstore;

import static org.axonframework.common.ReflectionUtils.ensureAccessible;
import static org.axonframework.common.ReflectionUtils.fieldsOf;
import static org.axonframework.common.ReflectionUtils.methodsOf;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.jspecify.annotations.Nullable;

/**
 * Axon's {@code AnnotationCommandTargetResolver}, with each command class's annotated members found once. Axon's
 * looks for {@link TargetAggregateIdentifier} and {@link TargetAggregateVersion} by reflection on every command, and
 * for a creation command, which names no target, throws an exception that Axon then catches: together 3–4 % of
 * command-service's CPU under load (ADR 0065). The members it finds, the values it reads and
 * the failures it reports are Axon's; the exception for a command without a target carries no stack trace.
 */
public final class CachedCommandTargetResolver implements CommandTargetResolver {

    private final Map<Class<?>, Target> targets = new ConcurrentHashMap<>();
    private final boolean withVersions;

    /** Axon's resolver's answers: the target and the version it is expected at. */
    public CachedCommandTargetResolver() {
        this(true);
    }

    private CachedCommandTargetResolver(boolean withVersions) {
        this.withVersions = withVersions;
    }

    /**
     * The resolver of Axon's aggregates: the target without the version the command expects, which Axon would compare as
     * it loads the aggregate, before any of its handlers decided whether the caller may know it or change it. The handler
     * compares it once it has ({@code ExpectedVersions}), so that If-Match tells nothing to a caller without the role.
     */
    public static CachedCommandTargetResolver leavingVersionsToHandlers() {
        return new CachedCommandTargetResolver(false);
    }

    /** The version {@code command} expects its target at ({@link TargetAggregateVersion}), or null for any. */
    public @Nullable Long expectedVersion(CommandMessage<?> command) {
        Target target = targets.computeIfAbsent(command.getPayloadType(), Target::of);
        if (target.version() == null) {
            return null;
        }
        try {
            return asLong(read(target.version(), command.getPayload()));
        } catch (InvocationTargetException | IllegalAccessException e) {
            throw new IllegalArgumentException("An exception occurred while extracting aggregate information form a command", e);
        }
    }

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Target target = targets.computeIfAbsent(command.getPayloadType(), Target::of);
        Object payload = command.getPayload();
        Object identifier;
        Long version;
        try {
            identifier = read(target.identifier(), payload);
            version = asLong(read(target.version(), payload));
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("An exception occurred while extracting aggregate information form a command", e);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(
                    "The current security context does not allow extraction of aggregate information from the given command.", e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The value provided for the version is not a number.", e);
        }
        if (identifier == null) {
            throw new NoTargetAggregateException(command.getPayloadType());
        }
        return new VersionedAggregateIdentifier(identifier, withVersions ? version : null);
    }

    /** The command classes resolved so far. */
    public Set<Class<?>> knownCommandTypes() {
        return Set.copyOf(targets.keySet());
    }

    private static @Nullable Object read(@Nullable Object member, Object payload)
            throws InvocationTargetException, IllegalAccessException {
        if (member instanceof Method method) {
            return method.invoke(payload);
        }
        if (member instanceof Field field) {
            return field.get(payload);
        }
        return null;
    }

    private static @Nullable Long asLong(@Nullable Object version) {
        if (version == null) {
            return null;
        }
        return version instanceof Number number ? number.longValue() : Long.parseLong(version.toString());
    }

    /** The members holding a command class's target and expected version: a method or a field, as Axon looks. */
    private record Target(@Nullable Object identifier, @Nullable Object version) {

        static Target of(Class<?> type) {
            return new Target(annotated(type, TargetAggregateIdentifier.class), annotated(type, TargetAggregateVersion.class));
        }

        private static @Nullable Object annotated(Class<?> type, Class<? extends Annotation> annotation) {
            for (Method method : methodsOf(type)) {
                if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                    return ensureAccessible(method);
                }
            }
            for (Field field : fieldsOf(type)) {
                if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                    return ensureAccessible(field);
                }
            }
            return null;
        }
    }

    /** A command that names no target aggregate: expected of every creation command, so it costs no stack trace. */
    static final class NoTargetAggregateException extends IllegalArgumentException {

        NoTargetAggregateException(Class<?> commandType) {
            super(String.format("Invalid command. It does not identify the target aggregate. Make sure at least one of the "
                    + "fields or methods in the [%s] class contains the @TargetAggregateIdentifier annotation and that it "
                    + "returns a non-null value.", commandType.getSimpleName()));
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
