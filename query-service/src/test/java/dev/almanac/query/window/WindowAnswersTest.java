package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.almanac.query.entry.EntryTiming;

class WindowAnswersTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");

    @Test
    void keepsTheMostRecentlyUsedAnswersUpToItsCapacity() {
        WindowAnswers answers = new WindowAnswers(2);
        answers.keep(query(1), answer(1, 0));
        answers.keep(query(2), answer(2, 0));
        answers.find(query(1));

        answers.keep(query(3), answer(3, 0));

        assertThat(answers.find(query(1))).isPresent();
        assertThat(answers.find(query(2))).isEmpty();
        assertThat(answers.find(query(3))).isPresent();
    }

    @Test
    void weighsAnswersByTheCountsTheyHoldAndKeepsNoneTooHeavy() {
        WindowAnswers answers = new WindowAnswers(16, 40);
        WindowAnswers.Answer light = answer(1, 3);
        WindowAnswers.Answer heavy = answer(7, 30);
        assertThat(light.weight()).isLessThan(20);
        assertThat(heavy.weight()).isGreaterThan(20).isLessThanOrEqualTo(40);

        answers.keep(query(1), light);
        answers.keep(query(7), heavy);
        assertThat(answers.find(query(1))).as("pushed out by weight").isEmpty();
        assertThat(answers.find(query(7))).isPresent();

        answers.keep(query(30), answer(30, 30));
        assertThat(answers.find(query(30))).as("heavier than everything allowed").isEmpty();
        assertThat(answers.find(query(7))).isPresent();
    }

    @Test
    void writesAKeptWindowsBodyOnceAndAnyOtherEveryTime() {
        WindowAnswers answers = new WindowAnswers(1);
        WindowAnswers.Answer kept = answer(1, 1);
        WindowAnswers.Answer other = answer(2, 1);
        AtomicInteger writes = new AtomicInteger();
        Function<ScheduleWindow, byte[]> writer = window -> new byte[] {(byte) writes.incrementAndGet()};
        answers.keep(query(1), kept);

        byte[] first = answers.body(kept.window(), writer);
        assertThat(answers.body(kept.window(), writer)).isSameAs(first);
        answers.body(other.window(), writer);
        answers.body(other.window(), writer);
        assertThat(writes).hasValue(3);

        answers.keep(query(2), other);
        assertThat(answers.body(kept.window(), writer)).as("no longer kept").isNotSameAs(first);
        assertThat(writes).hasValue(4);
    }

    @Test
    void turnedOffItKeepsNothing() {
        WindowAnswers answers = new WindowAnswers(0);

        answers.keep(query(1), answer(1, 1));

        assertThat(answers.find(query(1))).isEmpty();
    }

    private static WindowAnswers.Query query(int days) {
        return new WindowAnswers.Query(spec(days), null);
    }

    private static WindowSpec spec(int days) {
        return new WindowSpec(MONDAY, MONDAY.plus(Duration.ofDays(days)), ZoneId.of("UTC"), Granularity.DAY);
    }

    /** A window of {@code days} days whose first day holds one entry on each of {@code queues} calendars. */
    private static WindowAnswers.Answer answer(int days, int queues) {
        BucketGrid grid = BucketGrid.over(spec(days));
        for (int queue = 0; queue < queues; queue++) {
            grid.add(new EntryTiming(MONDAY, MONDAY.plusSeconds(60), "cal-" + queue, "job"));
        }
        return new WindowAnswers.Answer(grid.toScheduleWindow(), Map.of(), Map.of(), "");
    }
}
