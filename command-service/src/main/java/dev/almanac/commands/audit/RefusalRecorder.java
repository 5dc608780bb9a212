package dev.almanac.commands.audit;

import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.commands.command.CreationCommand;
import dev.almanac.events.audit.CommandRefused;
import dev.almanac.platform.problem.ProblemException;

/**
 * Stores a {@link CommandRefused} for a command the domain refused, in the event store like every event, so that the relay
 * publishes it to {@code almanac.audit.v1} and none is lost (ADR 0081). It is stored before the refusal is answered; it has
 * no aggregate (Axon stores it as a stream of its own, at sequence 0). Its envelope names the caller, the request's
 * correlation id and, as its causation, the refused command's id.
 */
@Component
public class RefusalRecorder {

    private static final Logger log = LoggerFactory.getLogger(RefusalRecorder.class);
    private static final Set<String> STORE_KINDS = Set.of("calendar", "item", "rule", "run", "change-request",
            "notification-preferences", "resource");

    private final EventStore eventStore;
    private final TransactionManager transactions;
    private final CommandTargetResolver targets;
    private final Scheduler commandThreads;

    public RefusalRecorder(EventStore eventStore, TransactionManager transactions, ObjectProvider<CommandTargetResolver> targets,
                           Scheduler commandScheduler) {
        this.eventStore = eventStore;
        this.transactions = transactions;
        this.targets = targets.getIfAvailable(() -> AnnotationCommandTargetResolver.builder().build());
        this.commandThreads = commandScheduler;
    }

    /**
     * Stores the refusal of {@code command} with the problem its caller gets; completes empty once stored. A store that fails
     * is logged and the refusal is answered all the same: the command changed nothing either way.
     */
    public Mono<Void> record(CommandMessage<?> command, CommandMetadata metadata, ProblemException problem) {
        CommandRefused refused = refusal(command, problem);
        Map<String, Object> envelope = new HashMap<>();
        envelope.put(CommandMetadata.ACTOR, metadata.actor());
        envelope.put(CommandMetadata.CORRELATION_ID, metadata.correlationId() == null ? command.getIdentifier() : metadata.correlationId());
        envelope.put(CommandMetadata.CAUSATION_ID, command.getIdentifier());
        if (metadata.tenant() != null) {
            // The relay's almanac_tenant: a refusal is a fact of the tenant the caller acted in, whatever id it named.
            envelope.put(CommandMetadata.ACTOR_TENANT, metadata.tenant().name());
        }
        if (metadata.traceparent() != null) {
            envelope.put(CommandMetadata.TRACEPARENT, metadata.traceparent());
        }
        return Mono.<Void>fromRunnable(() -> {
                    DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
                    unitOfWork.attachTransaction(transactions);
                    unitOfWork.execute(() -> eventStore.publish(GenericEventMessage.asEventMessage(refused).andMetaData(envelope)));
                })
                .subscribeOn(commandThreads)
                .onErrorResume(failure -> {
                    log.warn("Could not record the refusal of {} ({}) for the audit trail: {}", refused.command(), refused.targetId(),
                            failure.toString());
                    return Mono.empty();
                });
    }

    CommandRefused refusal(CommandMessage<?> command, ProblemException problem) {
        Object payload = command.getPayload();
        return new CommandRefused(payload.getClass().getSimpleName(), targetOf(command), text(payload, "calendarId"),
                problem.status().value(), problem.type(), problem.getMessage() == null ? problem.title() : problem.getMessage(),
                problem.violations().stream().map(violation -> new CommandRefused.Violation(violation.field(), violation.rule())).toList(),
                text(payload, "reason"));
    }

    /** The target's entity id, without the kind the event store puts before it (StoreIds). */
    private String targetOf(CommandMessage<?> command) {
        String stored;
        if (command.getPayload() instanceof CreationCommand creation) {
            stored = creation.aggregateId();
        } else {
            try {
                stored = targets.resolveTarget(command).getIdentifier();
            } catch (RuntimeException noTarget) {
                // A command a service of its own handles (an item's cancel, a move) names its target as its first id.
                String id = firstId(command.getPayload());
                return id == null ? "unknown" : id;
            }
        }
        int colon = stored.indexOf(':');
        return colon > 0 && STORE_KINDS.contains(stored.substring(0, colon)) ? stored.substring(colon + 1) : stored;
    }

    /** The value of the command's first component that is an id ({@code ItemId}, {@code RuleId}, ...), or null. */
    private static @Nullable String firstId(Object payload) {
        if (!payload.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent field : payload.getClass().getRecordComponents()) {
            if (field.getType().getSimpleName().endsWith("Id")) {
                return text(payload, field.getName());
            }
        }
        return null;
    }

    /** A record component's value as text (an id's value, an enum's name), or null when the command has none. */
    private static @Nullable String text(Object payload, String component) {
        if (!payload.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent field : payload.getClass().getRecordComponents()) {
            if (field.getName().equals(component)) {
                try {
                    Object value = field.getAccessor().invoke(payload);
                    if (value == null) {
                        return null;
                    }
                    for (RecordComponent inner : value.getClass().isRecord() ? value.getClass().getRecordComponents() : new RecordComponent[0]) {
                        if (inner.getName().equals("value")) {
                            return String.valueOf(inner.getAccessor().invoke(value));
                        }
                    }
                    return value.toString();
                } catch (ReflectiveOperationException unreadable) {
                    return null;
                }
            }
        }
        return null;
    }
}
