package dev.almanac.commands.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

import dev.almanac.platform.problem.ProblemException;

class CommandDispatcherTest {

    private static final CommandMetadata DEVELOPER = new CommandMetadata("developer", null);

    private final CommandGateway gateway = mock(CommandGateway.class);

    @Test
    void aCommandThatCannotStartInTimeIsRefusedWith503AndRetryAfter() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        when(gateway.sendAndWait(any(CommandMessage.class))).thenAnswer(call -> {
            running.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "done";
        });
        CommandDispatcher dispatcher = dispatcher(Bulkhead.of("test", BulkheadConfig.custom()
                .maxConcurrentCalls(1).maxWaitDuration(Duration.ofMillis(50)).build()));

        Mono<Object> first = dispatcher.send("first", DEVELOPER, () -> ProblemException.notFound("id", "missing")).cache();
        first.subscribe();
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        Throwable refused = failureOf(dispatcher.send("second", DEVELOPER, () -> ProblemException.notFound("id", "missing")));
        release.countDown();

        assertThat(refused).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(problem.retryAfter()).contains(Duration.ofSeconds(1));
            assertThat(problem.getMessage()).contains("limit of 1 commands at once").contains("nothing was changed");
        });
        assertThat(first.block(Duration.ofSeconds(5))).isEqualTo("done");
        verify(gateway, times(1)).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void aConcurrencyFailureIsRetriedOnceThenAnsweredAsAConflict() {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenThrow(new ConcurrencyException("sequence taken"));
        CommandDispatcher dispatcher = dispatcher(Bulkhead.ofDefaults("test"));

        Throwable failure = failureOf(dispatcher.send("move", DEVELOPER, () -> ProblemException.notFound("id", "missing")));

        assertThat(failure).isInstanceOfSatisfying(ProblemException.class,
                problem -> assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT));
        verify(gateway, times(2)).sendAndWait(any(CommandMessage.class));
    }

    private static Throwable failureOf(Mono<?> answer) {
        try {
            answer.block(Duration.ofSeconds(5));
        } catch (RuntimeException failure) {
            return failure;
        }
        throw new AssertionError("the command was expected to fail");
    }

    private CommandDispatcher dispatcher(Bulkhead bulkhead) {
        return new CommandDispatcher(gateway, mock(EventStore.class), bulkhead);
    }
}
