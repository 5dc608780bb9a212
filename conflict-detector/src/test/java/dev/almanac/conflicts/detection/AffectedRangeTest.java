package dev.almanac.conflicts.detection;

import static dev.almanac.conflicts.testing.Entries.item;
import static dev.almanac.conflicts.testing.Entries.slot;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;

class AffectedRangeTest {

    private static final CalendarId CALENDAR = CalendarId.of("cal-range");

    @Test
    void aBreachThatCrossesTheEndWidensTheRangeToItsEnd() {
        List<Breach> breaches = CapacityBreaches.find(CALENDAR, 1,
                List.of(item("a", "09:00", "11:00"), item("b", "10:00", "12:00")));

        assertThat(AffectedRange.widen(slot("09:00", "10:30"), breaches)).isEqualTo(slot("09:00", "11:00"));
    }

    @Test
    void aBreachThatOnlyTouchesTheRangeStillWidensIt() {
        List<Breach> breaches = CapacityBreaches.find(CALENDAR, 1,
                List.of(item("a", "10:00", "12:00"), item("b", "10:00", "11:00")));

        assertThat(AffectedRange.widen(slot("08:00", "10:00"), breaches)).isEqualTo(slot("08:00", "11:00"));
    }

    @Test
    void breachesThatDoNotMeetTheRangeLeaveItAlone() {
        List<Breach> breaches = CapacityBreaches.find(CALENDAR, 1,
                List.of(item("a", "13:00", "14:00"), item("b", "13:00", "14:00")));

        assertThat(AffectedRange.widen(slot("09:00", "10:00"), breaches)).isEqualTo(slot("09:00", "10:00"));
    }

    @Test
    void aRangeThatCoversItsBreachesIsSettled() {
        List<Breach> breaches = CapacityBreaches.find(CALENDAR, 1,
                List.of(item("a", "09:00", "11:00"), item("b", "10:00", "12:00")));

        assertThat(AffectedRange.widen(slot("09:00", "12:00"), breaches)).isEqualTo(slot("09:00", "12:00"));
    }

    @Test
    void aChainOfEntriesIsFollowedStepByStepUntilTheBreachEnds() {
        List<Entry> calendar = List.of(item("a", "09:00", "10:30"), item("b", "10:00", "11:30"),
                item("c", "10:30", "12:30"), item("d", "11:30", "13:00"), item("e", "13:00", "14:00"));

        Settled settled = settle(calendar, 1, slot("10:00", "10:15"));

        assertThat(settled.range()).isEqualTo(slot("10:00", "12:30"));
        assertThat(settled.breaches()).singleElement().satisfies(breach -> {
            assertThat(breach.window()).isEqualTo(slot("10:00", "12:30"));
            assertThat(breach.entries()).extracting(entry -> entry.key().id()).containsExactly("a", "b", "c", "d");
        });
        assertThat(settled.fetches()).isEqualTo(4);
    }

    @Test
    void withinKeepsTheBreachesThatOverlapTheRange() {
        List<Breach> breaches = CapacityBreaches.find(CALENDAR, 1, List.of(item("a", "09:00", "10:00"),
                item("b", "09:00", "10:00"), item("c", "11:00", "12:00"), item("d", "11:00", "12:00")));

        assertThat(AffectedRange.within(slot("10:00", "11:30"), breaches)).extracting(Breach::window)
                .containsExactly(slot("11:00", "12:00"));
    }

    @Test
    void coalesceMergesRangesThatOverlapOrTouch() {
        List<TimeRange> merged = AffectedRange.coalesce(List.of(slot("13:00", "14:00"), slot("09:00", "10:00"),
                slot("10:00", "11:00"), slot("10:30", "12:00"), slot("15:00", "16:00")));

        assertThat(merged).containsExactly(slot("09:00", "12:00"), slot("13:00", "14:00"), slot("15:00", "16:00"));
    }

    /**
     * The property the incremental detection rests on: settling any range, fetching only the
     * entries that meet it, finds exactly the breaches of the whole calendar that overlap it.
     */
    @Test
    void settlingAnyRangeFindsTheSameBreachesAsTheWholeCalendar() {
        Random random = new Random(20261201);
        for (int round = 0; round < 500; round++) {
            int capacity = 1 + random.nextInt(3);
            List<Entry> calendar = randomCalendar(random, 3 + random.nextInt(25));
            List<Breach> whole = CapacityBreaches.find(CALENDAR, capacity, calendar);
            TimeRange initial = randomSlot(random);

            Settled settled = settle(calendar, capacity, initial);

            assertThat(settled.breaches())
                    .as("round %d, capacity %d, range %s, entries %s", round, capacity, initial, calendar)
                    .containsExactlyInAnyOrderElementsOf(AffectedRange.within(settled.range(), whole));
            assertThat(settled.breaches()).containsAll(AffectedRange.within(initial, whole));
        }
    }

    private record Settled(TimeRange range, List<Breach> breaches, int fetches) {
    }

    /** {@link AffectedRange#settle} over a list standing in for the store, counting its fetches. */
    private static Settled settle(List<Entry> calendar, int capacity, TimeRange initial) {
        int[] fetches = {0};
        AffectedRange.Settled settled = AffectedRange.settle(initial, range -> {
            fetches[0]++;
            return CapacityBreaches.find(CALENDAR, capacity,
                    calendar.stream().filter(entry -> AffectedRange.meets(entry.time(), range)).toList());
        });
        return new Settled(settled.range(), settled.breaches(), fetches[0]);
    }

    private static List<Entry> randomCalendar(Random random, int size) {
        List<Entry> entries = new ArrayList<>();
        for (int index = 0; index < size; index++) {
            TimeRange time = randomSlot(random);
            entries.add(new Entry(EntryKey.item("e" + index), "Entry " + index, time));
        }
        return entries;
    }

    /** Quarter-hour boundaries within one day, so that touching and identical intervals are common. */
    private static TimeRange randomSlot(Random random) {
        Instant start = slot("00:00", "00:15").start().plus(Duration.ofMinutes(15L * random.nextInt(40)));
        return new TimeRange(start, start.plus(Duration.ofMinutes(15L * (1 + random.nextInt(12)))));
    }
}
