package dev.almanac.commands.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import dev.almanac.commands.audit.RefusalRecorder;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.commands.stuckwork.StuckWorkInterruptedException;
import dev.almanac.platform.problem.ProblemException;

class CommandDispatcherTest {

    private static final CommandMetadata DEVELOPER = new CommandMetadata("developer", null, null);

    private static final Supplier<ProblemException> NOT_FOUND = () -> ProblemException.notFound("id", "missing");

    private final CommandGateway gateway = mock(CommandGateway.class);

    @Test
    void aConcurrencyFailureIsRetriedOnceThenAnsweredAsAConflict() {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenThrow(new ConcurrencyException("sequence taken"));
        CommandDispatcher dispatcher = new CommandDispatcher(gateway, mock(EventStore.class), Schedulers.boundedElastic(), new Actors(), mock(RefusalRecorder.class));

        Throwable failure = failureOf(dispatcher.send("move", DEVELOPER, () -> ProblemException.notFound("id", "missing")));

        assertThat(failure).isInstanceOfSatisfying(ProblemException.class,
                problem -> assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT));
        verify(gateway, times(2)).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void aCommandStoppedForRunningTooLongIsAnsweredAsUnavailableNotAsAnInternalError() {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenThrow(
                new StuckWorkInterruptedException("ran past its limit", new InterruptedException()));
        CommandDispatcher dispatcher = new CommandDispatcher(gateway, mock(EventStore.class), Schedulers.boundedElastic(), new Actors(), mock(RefusalRecorder.class));

        Throwable failure = failureOf(dispatcher.send("move", DEVELOPER, () -> ProblemException.notFound("id", "missing")));

        assertThat(failure).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(problem.getMessage()).contains("safe to retry");
        });
        verify(gateway, times(1)).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void commandsRunOnTheCommandThreadsAndOneThatFindsTheQueueFullIsAnsweredAsUnavailableAtOnce() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        when(gateway.sendAndWait(any(CommandMessage.class))).thenAnswer(call -> {
            threads.add(Thread.currentThread().getName());
            firstRunning.countDown();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            return null;
        });
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Scheduler oneThreadOneQueued = new CommandThreads().commandScheduler(1, 1, 10, meters);
        try {
            CommandDispatcher dispatcher = new CommandDispatcher(gateway, mock(EventStore.class), oneThreadOneQueued, new Actors(), mock(RefusalRecorder.class));
            CompletableFuture<Object> running = dispatcher.send("move", DEVELOPER, NOT_FOUND).toFuture();
            assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Object> queued = dispatcher.send("move", DEVELOPER, NOT_FOUND).toFuture();
            assertThat(meters.get("executor.queued").tag("name", CommandThreads.METRICS_NAME).gauge().value()).isEqualTo(1);

            Throwable refused = failureOf(dispatcher.send("move", DEVELOPER, NOT_FOUND));

            assertThat(refused).isInstanceOfSatisfying(ProblemException.class, problem -> {
                assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(problem.getMessage()).contains("retry after Retry-After seconds");
                assertThat(problem.retryAfter()).contains(CommandThreads.QUEUE_FULL_RETRY_AFTER);
            });
            release.countDown();
            running.get(10, TimeUnit.SECONDS);
            queued.get(10, TimeUnit.SECONDS);
            verify(gateway, times(2)).sendAndWait(any(CommandMessage.class));
            assertThat(threads).hasSize(2).allMatch(name -> name.startsWith("command-"));
        } finally {
            oneThreadOneQueued.dispose();
        }
    }

    private static Throwable failureOf(Mono<?> answer) {
        try {
            answer.block(Duration.ofSeconds(5));
        } catch (RuntimeException failure) {
            return failure;
        }
        throw new AssertionError("the command was expected to fail");
    }
}
