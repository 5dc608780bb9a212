package dev.almanac.commands.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

import dev.almanac.commands.stuckwork.StuckWorkInterruptedException;
import dev.almanac.platform.problem.ProblemException;

class CommandDispatcherTest {

    private static final CommandMetadata DEVELOPER = new CommandMetadata("developer", null, null);

    private final CommandGateway gateway = mock(CommandGateway.class);

    @Test
    void aConcurrencyFailureIsRetriedOnceThenAnsweredAsAConflict() {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenThrow(new ConcurrencyException("sequence taken"));
        CommandDispatcher dispatcher = new CommandDispatcher(gateway, mock(EventStore.class));

        Throwable failure = failureOf(dispatcher.send("move", DEVELOPER, () -> ProblemException.notFound("id", "missing")));

        assertThat(failure).isInstanceOfSatisfying(ProblemException.class,
                problem -> assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT));
        verify(gateway, times(2)).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void aCommandStoppedForRunningTooLongIsAnsweredAsUnavailableNotAsAnInternalError() {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenThrow(
                new StuckWorkInterruptedException("ran past its limit", new InterruptedException()));
        CommandDispatcher dispatcher = new CommandDispatcher(gateway, mock(EventStore.class));

        Throwable failure = failureOf(dispatcher.send("move", DEVELOPER, () -> ProblemException.notFound("id", "missing")));

        assertThat(failure).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(problem.getMessage()).contains("safe to retry");
        });
        verify(gateway, times(1)).sendAndWait(any(CommandMessage.class));
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
