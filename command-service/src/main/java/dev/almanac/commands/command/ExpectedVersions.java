package dev.almanac.commands.command;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.TargetAggregateVersion;

import dev.almanac.commands.eventstore.CachedCommandTargetResolver;

/**
 * If-Match after the role (ADR 0086): a command's expected version ({@link TargetAggregateVersion}, from If-Match) is
 * compared with the version its aggregate was loaded at once the aggregate's handler has returned, so that whatever decides
 * who may know and who may change the aggregate (its interceptors, its handler's role and ownership checks) answers first:
 * a caller without the role gets 403 (or the 404 of an unknown id) whatever If-Match says, and only one with it learns
 * that the version is another, 412. Axon would compare an expected version ahead of the current one as it loads the
 * aggregate, before any of that, so its aggregates are given none ({@link CachedCommandTargetResolver#leavingVersionsToHandlers}).
 * A mismatch found after the handler ran rolls back what it applied, as Axon's own check of a version behind does at commit.
 * Found through {@code META-INF/services}, as {@link CallerParameters} is, so every aggregate's handlers are wrapped, with
 * or without Spring; a creation, which has no version yet, is not.
 */
public class ExpectedVersions implements HandlerEnhancerDefinition {

    private static final CachedCommandTargetResolver TARGETS = new CachedCommandTargetResolver();

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        boolean commandHandler = original.annotationAttributes(CommandHandler.class).isPresent();
        boolean constructor = original.unwrap(Executable.class).filter(Constructor.class::isInstance).isPresent();
        return commandHandler && !constructor ? new ComparedAfterTheHandler<>(original) : original;
    }

    private static final class ComparedAfterTheHandler<T> extends WrappedMessageHandlingMember<T> {

        ComparedAfterTheHandler(MessageHandlingMember<T> delegate) {
            super(delegate);
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            Long expected = message instanceof CommandMessage<?> command ? TARGETS.expectedVersion(command) : null;
            if (expected == null) {
                return super.handle(message, target);
            }
            // Only an aggregate's command names a version (a service's loads what it changes itself); null when it is new.
            Long loaded = AggregateLifecycle.getVersion();
            Object result = super.handle(message, target);
            if (loaded != null && !expected.equals(loaded)) {
                throw new ConflictingAggregateVersionException(TARGETS.resolveTarget((CommandMessage<?>) message).getIdentifier(),
                        expected, loaded);
            }
            return result;
        }
    }
}
