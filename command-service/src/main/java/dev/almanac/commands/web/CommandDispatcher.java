package dev.almanac.commands.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

import dev.almanac.commands.audit.RefusalRecorder;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.commands.command.CreationCommand;
import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.stuckwork.StuckWorkInterruptedException;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemTypes;

/**
 * Sends commands to Axon off the event loop, on the command threads ({@link CommandThreads}: command handling writes
 * to PostgreSQL and blocks), and turns Axon's outcomes into problems a client can act on.
 */
@Component
public class CommandDispatcher {

    /**
     * An item cached here but changed by another replica fails its append with a
     * ConcurrencyException, and Axon evicts it; the second attempt replays the item's events.
     * A second failure is a real race and goes back to the client.
     */
    private static final Retry ONCE_AFTER_A_STALE_CACHE = Retry.max(1)
            .filter(ConcurrencyException.class::isInstance)
            .onRetryExhaustedThrow((spec, signal) -> signal.failure());

    /**
     * After a command finds PostgreSQL unreachable, the next ones for this long are refused at once rather than each
     * waiting out the pool's connection-timeout on a command thread: with eight threads, a steady load would otherwise
     * queue behind them past any client's patience.
     */
    private static final long REFUSE_AFTER_AN_UNREACHABLE_STORE_NANOS = Duration.ofSeconds(1).toNanos();

    private final CommandGateway gateway;
    private final EventStore eventStore;
    private final Scheduler commandThreads;
    private final Actors actors;
    private final RefusalRecorder refusals;
    private volatile long storeUnreachableAt = System.nanoTime() - REFUSE_AFTER_AN_UNREACHABLE_STORE_NANOS;

    public CommandDispatcher(CommandGateway gateway, EventStore eventStore, Scheduler commandScheduler, Actors actors,
                             RefusalRecorder refusals) {
        this.gateway = gateway;
        this.eventStore = eventStore;
        this.commandThreads = commandScheduler;
        this.actors = actors;
        this.refusals = refusals;
    }

    /** What a command from this request carries: who is acting, and the request's trace and correlation ({@link Actors}). */
    public CommandMetadata metadataOf(ServerWebExchange exchange) {
        return actors.metadataOf(exchange);
    }

    /** Sends {@code command} as the request's actor; see {@link #send(Object, CommandMetadata, Supplier)}. */
    public <R> Mono<R> send(Object command, ServerWebExchange exchange, Supplier<ProblemException> whenMissing) {
        return send(command, metadataOf(exchange), whenMissing);
    }

    /**
     * @param whenMissing the problem to answer when the command's target aggregate does not exist
     */
    public <R> Mono<R> send(Object command, CommandMetadata metadata, Supplier<ProblemException> whenMissing) {
        CommandMessage<?> message = message(command, metadata);
        return this.<R>dispatch(message).onErrorResume(failure -> refused(message, metadata, failure, whenMissing));
    }

    /** Creates an aggregate as the request's actor; a repeat of the request that created it answers with the existing one. */
    public Mono<Creation> create(CreationCommand command, ServerWebExchange exchange) {
        return create(command, metadataOf(exchange));
    }

    /** Creates an aggregate; a repeat of the request that created it answers with the existing one. */
    public Mono<Creation> create(CreationCommand command, CommandMetadata metadata) {
        return create(command, metadata, () -> ProblemException.notFound("id", "not found"));
    }

    /**
     * @param whenMissing the problem to answer when an aggregate the creation reads (the one a path names) does not exist
     */
    public Mono<Creation> create(CreationCommand command, CommandMetadata metadata, Supplier<ProblemException> whenMissing) {
        CommandMessage<?> message = message(command, metadata);
        return this.<Object>dispatch(message)
                .map(Creation::fresh)
                .defaultIfEmpty(Creation.fresh(null))
                .onErrorResume(AggregateStreamCreationException.class, taken -> existingCreatedBy(command, metadata)
                        .switchIfEmpty(Mono.error(taken)))
                .onErrorResume(failure -> refused(message, metadata, failure, whenMissing));
    }

    private static CommandMessage<?> message(Object command, CommandMetadata metadata) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(metadata.asMap());
    }

    private <R> Mono<R> dispatch(CommandMessage<?> message) {
        return Mono.<R>fromCallable(() -> sendAndWait(message))
                .subscribeOn(commandThreads)
                .retryWhen(ONCE_AFTER_A_STALE_CACHE);
    }

    private <R> R sendAndWait(CommandMessage<?> message) {
        if (System.nanoTime() - storeUnreachableAt < REFUSE_AFTER_AN_UNREACHABLE_STORE_NANOS) {
            throw new EventStoreUnreachable.Refused(null);
        }
        try {
            return gateway.sendAndWait(message);
        } catch (RuntimeException failure) {
            if (EventStoreUnreachable.causedBy(failure)) {
                storeUnreachableAt = System.nanoTime();
            }
            throw failure;
        }
    }

    /**
     * The failure as its caller gets it; a refusal by the domain (an aggregate's rule, a stale If-Match) is first stored for the
     * audit trail ({@link RefusalRecorder}, ADR 0081).
     */
    private <R> Mono<R> refused(CommandMessage<?> message, CommandMetadata metadata, Throwable failure,
                                Supplier<ProblemException> whenMissing) {
        Throwable answer = translate(failure, whenMissing);
        boolean byTheDomain = failure instanceof CommandRejectedException || failure instanceof ConflictingAggregateVersionException;
        if (byTheDomain && answer instanceof ProblemException problem) {
            return refusals.record(message, metadata, problem).then(Mono.error(answer));
        }
        return Mono.error(answer);
    }

    /**
     * The creation {@code command} repeats, when it does. Denied by default, only its own creator's repeat is one: anyone
     * else learns only that the id is taken (409), not what it holds (ADR 0086).
     */
    private Mono<Creation> existingCreatedBy(CreationCommand command, CommandMetadata metadata) {
        return Mono.fromCallable(() -> {
            DomainEventStream events = eventStore.readEvents(command.aggregateId());
            if (!events.hasNext()) {
                return null;
            }
            DomainEventMessage<?> first = events.next();
            if (!command.isRepeatOf(first.getPayload()) || metadata.ungranted() == UngrantedCalendars.CLOSED && !metadata.admin()
                    && !metadata.actor().equals(first.getMetaData().get(CommandMetadata.ACTOR))) {
                return null;
            }
            // The answer is the creation's, as it was first given, even if the resource has changed since.
            return Creation.repeat();
        }).subscribeOn(commandThreads);
    }

    private static Throwable translate(Throwable failure, Supplier<ProblemException> whenMissing) {
        if (failure instanceof CommandRejectedException rejected) {
            return switch (rejected.reason()) {
                case INVALID -> ProblemException.invalid(rejected.violations());
                case UNKNOWN_REFERENCE -> new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.UNPROCESSABLE,
                        "Request cannot be applied", rejected.getMessage(), rejected.violations());
                case NOT_FOUND -> new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
                        rejected.getMessage(), rejected.violations());
                case CONFLICT -> new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict",
                        rejected.getMessage(), rejected.violations());
                case FORBIDDEN -> new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                        rejected.getMessage(), rejected.violations(), Map.of("required_role", rejected.requiredRole()));
                // As if the target did not exist: nothing in the answer tells that it does (ADR 0086).
                case HIDDEN -> whenMissing.get();
            };
        }
        if (failure instanceof RejectedExecutionException) {
            return ProblemException.unavailable("command-service's queue of commands is full: they arrive faster than "
                    + "it runs them; nothing of this one was stored, so retry after Retry-After seconds", CommandThreads.QUEUE_FULL_RETRY_AFTER);
        }
        if (failure instanceof StuckWorkInterruptedException) {
            return ProblemException.unavailable(
                    "the command ran past its time limit and was stopped; nothing of it was stored, so it is safe to retry");
        }
        // Axon, Spring and Hikari each wrap a store that cannot be reached in their own exceptions.
        if (failure instanceof EventStoreUnreachable.Refused || EventStoreUnreachable.causedBy(failure)) {
            return failure instanceof EventStoreUnreachable.Refused ? failure : new EventStoreUnreachable.Refused(failure);
        }
        if (failure instanceof AggregateNotFoundException && !(failure instanceof AggregateDeletedException)) {
            return whenMissing.get();
        }
        if (failure instanceof ConflictingAggregateVersionException) {
            return ProblemException.preconditionFailed(
                    "the resource has changed since the version named in If-Match; read it again and retry");
        }
        if (failure instanceof AggregateStreamCreationException) {
            return ProblemException.conflict("id", "unique", "a resource with this id already exists");
        }
        if (failure instanceof ConcurrencyException) {
            return ProblemException.conflict("id", "concurrent_change",
                    "another change to this resource was made at the same time; retry");
        }
        return failure;
    }
}
