package dev.almanac.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.platform.kafka.TransientFailures;

class BlockingTest {

    private static final String HOOK = "blocking-test";

    @AfterEach
    void removeHook() {
        Schedulers.resetOnScheduleHook(HOOK);
    }

    @Test
    void givesTheAnswerOfACallThatEndsOnAnotherThread() {
        String answer = Blocking.await(Mono.fromFuture(CompletableFuture.supplyAsync(() -> "answer")), Duration.ofSeconds(5));

        assertThat(answer).isEqualTo("answer");
    }

    @Test
    void putsNoTimerOnAScheduler() {
        AtomicInteger scheduled = new AtomicInteger();
        Schedulers.onScheduleHook(HOOK, task -> {
            scheduled.incrementAndGet();
            return task;
        });

        for (int call = 0; call < 100; call++) {
            Blocking.await(Mono.fromFuture(CompletableFuture.supplyAsync(() -> "answer")), Duration.ofSeconds(5));
        }

        assertThat(scheduled).hasValue(0);
    }

    @Test
    void aCallThatDoesNotAnswerInTimeFailsAsAnOutageAndIsCancelled() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Mono<String> silent = Mono.<String>never().doOnCancel(() -> cancelled.set(true));

        assertThatThrownBy(() -> Blocking.await(silent, Duration.ofMillis(50)))
                .isInstanceOf(RuntimeException.class)
                .hasCauseInstanceOf(TimeoutException.class)
                .satisfies(failure -> assertThat(TransientFailures.isTransient(failure)).isTrue());
        assertThat(cancelled).isTrue();
    }

    @Test
    void aFailureOfTheCallIsThrownAsItIs() {
        IllegalArgumentException refused = new IllegalArgumentException("refused");

        assertThatThrownBy(() -> Blocking.await(Mono.error(refused), Duration.ofSeconds(5))).isSameAs(refused);
    }

    @Test
    void noAnswerAtAllIsAnError() {
        assertThatThrownBy(() -> Blocking.await(Mono.empty(), Duration.ofSeconds(5)))
                .isInstanceOf(NoSuchElementException.class);
    }
}
