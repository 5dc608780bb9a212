package dev.almanac.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RoundTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(ProjectionBatch.MAX_STEPS_A_ROUND);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void theStepsOfARoundRunAtOnce() {
        CountDownLatch secondStarted = new CountDownLatch(1);
        Round round = new Round(threads);
        Supplier<Boolean> firstSawTheSecond = round.start(() -> awaitQuietly(secondStarted));
        round.start(secondStarted::countDown);

        round.await();

        assertThat(firstSawTheSecond.get()).as("the first step ended after the second had started").isTrue();
    }

    @Test
    void theFirstStepRunsOnTheWaitingThreadAndTheOthersOnTheExecutors() {
        Thread caller = Thread.currentThread();
        Round round = new Round(threads);
        Supplier<Thread> first = round.start(Thread::currentThread);
        Supplier<Thread> second = round.start(Thread::currentThread);
        Supplier<Thread> third = round.start(Thread::currentThread);

        round.await();

        assertThat(first.get()).isSameAs(caller);
        assertThat(List.of(second.get(), third.get())).doesNotContain(caller);
    }

    @Test
    void aRoundOfOneStepRunsItOnlyWhenAwaitedAndGivesItsResult() {
        AtomicBoolean ran = new AtomicBoolean();
        Round round = new Round(threads);
        Supplier<String> result = round.start(() -> {
            ran.set(true);
            return "written";
        });

        assertThat(ran).as("not yet awaited").isFalse();
        round.await();

        assertThat(ran).isTrue();
        assertThat(result.get()).isEqualTo("written");
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a join is deaf to interrupts
    void aResultReadBeforeTheRoundIsAwaitedFailsInsteadOfWaitingForever() {
        Round round = new Round(threads);
        Supplier<String> first = round.start(() -> "written");

        assertThatThrownBy(first::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("before the round was awaited");
        round.await();
        assertThat(first.get()).isEqualTo("written");
    }

    @Test
    void aFailedFirstStepStillLetsTheOthersEndBeforeItIsThrown() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean secondEnded = new AtomicBoolean();
        Round round = new Round(threads);
        round.start(() -> {
            release.countDown();
            throw new IllegalStateException("the first step failed");
        });
        round.start(() -> {
            awaitQuietly(release);
            secondEnded.set(true);
        });

        assertThatThrownBy(round::await).isInstanceOf(IllegalStateException.class).hasMessage("the first step failed");
        assertThat(secondEnded).isTrue();
    }

    @Test
    void aFailedRoundEndsOnlyWhenEveryStepHasAndThrowsTheFirstFailure() {
        CountDownLatch firstFailed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean laterStepEnded = new AtomicBoolean();
        Round round = new Round(threads);
        round.start(() -> {
            firstFailed.countDown();
            throw new IllegalStateException("the first step failed");
        });
        round.start(() -> {
            awaitQuietly(release);
            laterStepEnded.set(true);
            throw new IllegalArgumentException("a later step failed too");
        });
        round.start(() -> {
            awaitQuietly(firstFailed);
            release.countDown();
        });

        assertThatThrownBy(round::await)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the first step failed")
                .satisfies(failure -> assertThat(failure.getSuppressed()).singleElement()
                        .satisfies(suppressed -> assertThat(suppressed).hasMessage("a later step failed too")));
        assertThat(laterStepEnded).as("the slower step had ended when await threw").isTrue();
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
