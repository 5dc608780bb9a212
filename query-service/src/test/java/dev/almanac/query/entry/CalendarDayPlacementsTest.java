package dev.almanac.query.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.query.support.ReadModelFixture;

class CalendarDayPlacementsTest {

    private static final Instant LATE_EVENING = Instant.parse("2026-12-01T22:00:00Z");

    @Test
    void anEntryOverlappingThreeDaysIsCopiedIntoEachAndCountsOnlyOnItsFirst() {
        Entry entry = Entry.scheduled(null, ReadModelFixture.item("long", "cal-a", "job", LATE_EVENING, Duration.ofHours(27)), 0);

        Map<String, CalendarDay> days = applied(List.of(entry));

        assertThat(days).containsOnlyKeys("cal-a/2026-12-01", "cal-a/2026-12-02", "cal-a/2026-12-03");
        assertThat(days.values()).allSatisfy(day -> assertThat(day.entries().present()).containsOnlyKeys("long"));
        assertThat(days.get("cal-a/2026-12-01").summary().count(UtcSlots.slotOf(LATE_EVENING))).isEqualTo(1);
        assertThat(days.get("cal-a/2026-12-02").summary().isEmpty()).isTrue();
        assertThat(days.get("cal-a/2026-12-02").startsThisDay(days.get("cal-a/2026-12-02").entries().present().get("long"))).isFalse();
    }

    @Test
    void aRescheduleWithdrawsTheCopiesFromEveryDayTheEntryLeft() {
        ItemScheduled scheduled = ReadModelFixture.item("moved", "cal-a", "job", LATE_EVENING, Duration.ofHours(3));
        Entry before = Entry.scheduled(null, scheduled, 0);
        Instant later = Instant.parse("2026-12-05T10:00:00Z");
        Entry after = Entry.rescheduled(before, new ItemRescheduled(scheduled.itemId(), scheduled.calendarId(), scheduled.start(),
                scheduled.end(), later, later.plus(Duration.ofHours(1)), "clash"), 1);

        Map<String, CalendarDay> days = applied(List.of(before, after));

        assertThat(days.get("cal-a/2026-12-01").entries().present()).isEmpty();
        assertThat(days.get("cal-a/2026-12-01").entries().withdrawn()).containsEntry("moved", 1L);
        assertThat(days.get("cal-a/2026-12-02").entries().withdrawn()).containsEntry("moved", 1L);
        assertThat(days.get("cal-a/2026-12-05").entries().present().get("moved").version()).isEqualTo(1);
    }

    @Test
    void aRescheduleOfAnItemNeverSeenStillWithdrawsFromTheDaysItNamesAsPrevious() {
        ItemRescheduled moved = EventSamples.itemRescheduled();

        Map<String, CalendarDay> days = applied(List.of(Entry.rescheduled(null, moved, 1)));

        String previousDay = CalendarDay.id(moved.calendarId().value(), UtcSlots.dayOf(moved.previousStart()));
        String newDay = CalendarDay.id(moved.calendarId().value(), UtcSlots.dayOf(moved.start()));
        assertThat(previousDay).isNotEqualTo(newDay);
        assertThat(days.get(previousDay).entries().withdrawn()).containsEntry(moved.itemId().value(), 1L);
        assertThat(days.get(newDay).entries().present()).containsKey(moved.itemId().value());
    }

    @Test
    void aDayIdSplitsBackIntoCalendarAndDate() {
        CalendarDay day = CalendarDay.emptyOf(CalendarDay.id("cal.with:odd-chars", LocalDate.of(2026, 12, 1)));

        assertThat(day.calendarId()).isEqualTo("cal.with:odd-chars");
        assertThat(day.day()).isEqualTo(LocalDate.of(2026, 12, 1));
    }

    private static Map<String, CalendarDay> applied(List<Entry> states) {
        Map<String, List<UnaryOperator<CalendarDay>>> changes = new LinkedHashMap<>();
        CalendarDayPlacements.plan(states, changes);
        Map<String, CalendarDay> days = new LinkedHashMap<>();
        changes.forEach((id, dayChanges) -> {
            CalendarDay day = CalendarDay.emptyOf(id);
            for (UnaryOperator<CalendarDay> change : dayChanges) {
                day = change.apply(day);
            }
            days.put(id, day);
        });
        return days;
    }
}
