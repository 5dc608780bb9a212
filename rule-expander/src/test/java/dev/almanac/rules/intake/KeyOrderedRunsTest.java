package dev.almanac.rules.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class KeyOrderedRunsTest {

    /** Each record's work as it begins and ends, with the most under way at once. */
    private static final class Journal {

        private final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger underWay = new AtomicInteger();
        private final AtomicInteger mostUnderWay = new AtomicInteger();

        Mono<?> work(String record, Duration length) {
            return Mono.defer(() -> {
                events.add("begin " + record);
                mostUnderWay.accumulateAndGet(underWay.incrementAndGet(), Math::max);
                // Off this thread, as a pass waits for Kafka and MongoDB, so that other keys can begin meanwhile.
                return Mono.delay(length, Schedulers.parallel()).doOnNext(tick -> {
                    underWay.decrementAndGet();
                    events.add("end " + record);
                });
            });
        }

        int positionOf(String event) {
            int position = events.indexOf(event);
            assertThat(position).as(event).isNotNegative();
            return position;
        }
    }

    @Test
    void aKeysRecordsRunOneAfterTheOtherInTheirOrderWhileOtherKeysRunBesideThem() {
        List<String> keys = List.of("rule-a", "rule-b", "rule-a", "rule-c", "rule-a", "rule-b");
        Journal journal = new Journal();

        Optional<KeyOrderedRuns.Failure> failure = KeyOrderedRuns.run(keys, 3,
                index -> journal.work(keys.get(index) + "#" + index, Duration.ofMillis(40)));

        assertThat(failure).isEmpty();
        assertThat(journal.events).hasSize(12);
        // rule-a's three records: each ends before the next begins.
        assertThat(journal.positionOf("end rule-a#0")).isLessThan(journal.positionOf("begin rule-a#2"));
        assertThat(journal.positionOf("end rule-a#2")).isLessThan(journal.positionOf("begin rule-a#4"));
        assertThat(journal.positionOf("end rule-b#1")).isLessThan(journal.positionOf("begin rule-b#5"));
        // Three keys under way at once: rule-b and rule-c began before rule-a's first record ended.
        assertThat(journal.mostUnderWay.get()).isEqualTo(3);
        assertThat(journal.positionOf("begin rule-b#1")).isLessThan(journal.positionOf("end rule-a#0"));
        assertThat(journal.positionOf("begin rule-c#3")).isLessThan(journal.positionOf("end rule-a#0"));
    }

    @Test
    void noMoreKeysThanTheParallelismAreUnderWayAtOnce() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            keys.add("rule-" + i);
        }
        Journal journal = new Journal();

        KeyOrderedRuns.run(keys, 2, index -> journal.work(keys.get(index), Duration.ofMillis(20)));

        assertThat(journal.events).hasSize(24);
        assertThat(journal.mostUnderWay.get()).isEqualTo(2);
    }

    @Test
    void aFailureStopsItsKeyButNotTheOthersAndTheEarliestFailureInThePollsOrderIsGiven() {
        List<String> keys = Arrays.asList("rule-a", "rule-b", "rule-a", null, "rule-c", "rule-b", null);
        Map<Integer, RuntimeException> failing = new HashMap<>();
        failing.put(2, new IllegalStateException("rule-a's second record"));
        failing.put(4, new IllegalStateException("rule-c's record"));
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());

        Optional<KeyOrderedRuns.Failure> failure = KeyOrderedRuns.run(keys, 4, index -> {
            ran.add(index);
            RuntimeException cause = failing.get(index);
            return cause == null ? Mono.delay(Duration.ofMillis(10)) : Mono.error(cause);
        });

        assertThat(failure).hasValueSatisfying(earliest -> {
            assertThat(earliest.index()).isEqualTo(2);
            assertThat(earliest.cause()).hasMessage("rule-a's second record");
        });
        // Records without a key run in their order with one another; every key but the failed ones ran to its end.
        assertThat(ran).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void theRecordsOfAKeyAfterItsFailureAreNotBegun() {
        List<String> keys = List.of("rule-a", "rule-a", "rule-a", "rule-b");
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());

        Optional<KeyOrderedRuns.Failure> failure = KeyOrderedRuns.run(keys, 2, index -> {
            ran.add(index);
            return index == 1 ? Mono.error(new IllegalStateException("cannot be applied")) : Mono.empty();
        });

        assertThat(failure).map(KeyOrderedRuns.Failure::index).hasValue(1);
        assertThat(ran).containsExactlyInAnyOrder(0, 1, 3);
    }

    @Test
    void workThatThrowsBeforeItBeginsFailsItsRecord() {
        List<String> keys = List.of("rule-a", "rule-b");

        Optional<KeyOrderedRuns.Failure> failure = KeyOrderedRuns.run(keys, 2, index -> {
            if (index == 1) {
                throw new IllegalArgumentException("cannot be decoded");
            }
            return Mono.empty();
        });

        assertThat(failure).hasValueSatisfying(earliest -> {
            assertThat(earliest.index()).isEqualTo(1);
            assertThat(earliest.cause()).isInstanceOf(IllegalArgumentException.class).hasMessage("cannot be decoded");
        });
    }

    @Test
    void anEmptyPollRunsNothingAndAParallelismBelowOneIsRefused() {
        assertThat(KeyOrderedRuns.run(List.of(), 2, index -> Mono.error(new AssertionError("nothing to run")))).isEmpty();
        assertThatThrownBy(() -> KeyOrderedRuns.run(List.of("rule-a"), 0, index -> Mono.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
    }
}
