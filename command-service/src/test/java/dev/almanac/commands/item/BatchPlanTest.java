package dev.almanac.commands.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.almanac.commands.item.BatchPlan.Placement;
import dev.almanac.commands.item.JdbcCapacityGuard.Booking;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;

class BatchPlanTest {

    private static final CalendarId ROOM = CalendarId.of("room");
    private static final CalendarId HALL = CalendarId.of("hall");
    private static final TimeRange TEN = slot("10:00", "11:00");
    private static final TimeRange NOON = slot("12:00", "13:00");

    @Test
    void anItemTheBatchMovesAwayNoLongerHoldsItsOldPlace() {
        BatchPlan swap = new BatchPlan(Map.of(ItemId.of("a"), new Placement(ROOM, NOON), ItemId.of("b"), new Placement(ROOM, TEN)));
        List<Booking> ledgerAtNoon = List.of(new Booking("b", NOON.start(), NOON.end()));

        assertThat(swap.applyTo(ROOM, ItemId.of("a"), NOON, ledgerAtNoon)).isEmpty();
    }

    @Test
    void anotherMoveOfTheBatchIntoTheSlotCountsAsABooking() {
        BatchPlan crowd = new BatchPlan(Map.of(ItemId.of("a"), new Placement(ROOM, NOON), ItemId.of("c"), new Placement(ROOM, NOON),
                ItemId.of("h"), new Placement(HALL, NOON)));

        List<Booking> after = crowd.applyTo(ROOM, ItemId.of("c"), NOON, List.of(new Booking("x", NOON.start(), NOON.end())));

        assertThat(after).extracting(Booking::itemId).containsExactlyInAnyOrder("x", "a");
        assertThat(JdbcCapacityGuard.peakConcurrency(after, NOON)).isEqualTo(3);
    }

    private static TimeRange slot(String from, String to) {
        return new TimeRange(Instant.parse("2026-12-01T" + from + ":00Z"), Instant.parse("2026-12-01T" + to + ":00Z"));
    }
}
