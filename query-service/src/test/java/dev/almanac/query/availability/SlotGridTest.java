package dev.almanac.query.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.almanac.events.TimeRange;

/** Free slots computed without any store: exact starts, so that a wrong grid or a wrong buffer fails. */
class SlotGridTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void aSlotIsFreeOnlyWhenItsBufferedSpanMissesEveryBusyInterval() {
        SlotGrid grid = new SlotGrid(ZoneOffset.UTC, HALF_HOUR, HALF_HOUR);
        List<TimeRange> busy = Occupancy.atCapacity(List.of(range("2026-12-01T10:00:00Z", "2026-12-01T10:30:00Z")), 1,
                range("2026-12-01T08:00:00Z", "2026-12-01T13:00:00Z"));

        assertThat(starts(grid.free(range("2026-12-01T09:00:00Z", "2026-12-01T12:00:00Z"), Duration.ofMinutes(15), busy)))
                .containsExactly("2026-12-01T09:00:00Z", "2026-12-01T11:00:00Z", "2026-12-01T11:30:00Z");
        // Without a buffer, slots that only touch the entry are free: intervals are half-open.
        assertThat(starts(grid.free(range("2026-12-01T09:00:00Z", "2026-12-01T12:00:00Z"), Duration.ZERO, busy)))
                .containsExactly("2026-12-01T09:00:00Z", "2026-12-01T09:30:00Z", "2026-12-01T10:30:00Z",
                        "2026-12-01T11:00:00Z", "2026-12-01T11:30:00Z");
    }

    @Test
    void aCalendarOfCapacityThreeIsBusyOnlyWhereThreeEntriesRunAtOnce() {
        List<TimeRange> entries = List.of(range("2026-12-01T09:00:00Z", "2026-12-01T11:00:00Z"),
                range("2026-12-01T09:30:00Z", "2026-12-01T10:30:00Z"), range("2026-12-01T10:00:00Z", "2026-12-01T12:00:00Z"));
        TimeRange day = range("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z");

        assertThat(Occupancy.atCapacity(entries, 3, day)).containsExactly(range("2026-12-01T10:00:00Z", "2026-12-01T10:30:00Z"));
        assertThat(Occupancy.atCapacity(entries, 2, day)).containsExactly(range("2026-12-01T09:30:00Z", "2026-12-01T11:00:00Z"));
        assertThat(Occupancy.atCapacity(entries, 4, day)).isEmpty();

        SlotGrid grid = new SlotGrid(ZoneOffset.UTC, HALF_HOUR, HALF_HOUR);
        assertThat(starts(grid.free(range("2026-12-01T09:00:00Z", "2026-12-01T12:00:00Z"), Duration.ZERO,
                Occupancy.atCapacity(entries, 3, day))))
                .containsExactly("2026-12-01T09:00:00Z", "2026-12-01T09:30:00Z", "2026-12-01T10:30:00Z",
                        "2026-12-01T11:00:00Z", "2026-12-01T11:30:00Z");
        // A 15-minute buffer reaches the busy half hour from the slots either side of it.
        assertThat(starts(grid.free(range("2026-12-01T09:00:00Z", "2026-12-01T12:00:00Z"), Duration.ofMinutes(15),
                Occupancy.atCapacity(entries, 3, day))))
                .containsExactly("2026-12-01T09:00:00Z", "2026-12-01T11:00:00Z", "2026-12-01T11:30:00Z");
    }

    @Test
    void busyIntervalsThatTouchAreOneAndEmptyEntriesOccupyNothing() {
        TimeRange day = range("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z");

        assertThat(Occupancy.atCapacity(List.of(range("2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"),
                range("2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z")), 1, day))
                .containsExactly(range("2026-12-01T09:00:00Z", "2026-12-01T11:00:00Z"));
        // One entry ends as another starts while a third runs on: two at every instant, one interval.
        assertThat(Occupancy.atCapacity(List.of(range("2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"),
                range("2026-12-01T09:00:00Z", "2026-12-01T11:00:00Z"), range("2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z")), 2, day))
                .containsExactly(range("2026-12-01T09:00:00Z", "2026-12-01T11:00:00Z"));
    }

    @Test
    void anEntryOverSeveralDaysIsClippedToTheRange() {
        TimeRange entry = range("2026-11-30T22:00:00Z", "2026-12-03T02:00:00Z");
        TimeRange range = range("2026-12-01T00:00:00Z", "2026-12-02T12:00:00Z");

        assertThat(Occupancy.atCapacity(List.of(entry), 1, range)).containsExactly(range);
        assertThat(new SlotGrid(ZoneOffset.UTC, HALF_HOUR, HALF_HOUR).free(range, Duration.ZERO,
                Occupancy.atCapacity(List.of(entry), 1, range))).isEmpty();
        assertThat(Occupancy.atCapacity(List.of(entry), 2, range)).isEmpty();
    }

    @Test
    void candidatesWhollyInsideTheRangeOnly() {
        SlotGrid grid = new SlotGrid(ZoneOffset.UTC, HALF_HOUR, HOUR);

        assertThat(starts(grid.candidates(range("2026-12-01T09:10:00Z", "2026-12-01T11:30:00Z"))))
                .containsExactly("2026-12-01T09:30:00Z", "2026-12-01T10:00:00Z", "2026-12-01T10:30:00Z");
    }

    @Test
    void newYorkSpringForwardSkipsTheLocalTimesThatDoNotExist() {
        // 2026-03-08: 02:00 EST becomes 03:00 EDT. The range is local 00:00 EST to 05:00 EDT.
        SlotGrid grid = new SlotGrid(NEW_YORK, HOUR, HOUR);
        List<TimeRange> slots = grid.candidates(range("2026-03-08T05:00:00Z", "2026-03-08T09:00:00Z"));

        assertThat(local(slots, NEW_YORK)).containsExactly("2026-03-08T00:00-05:00", "2026-03-08T01:00-05:00",
                "2026-03-08T03:00-04:00", "2026-03-08T04:00-04:00");
        assertThat(starts(slots)).containsExactly("2026-03-08T05:00:00Z", "2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z",
                "2026-03-08T08:00:00Z");
    }

    @Test
    void newYorkFallBackGivesBothInstantsOfTheRepeatedHourOnce() {
        // 2026-11-01: 02:00 EDT becomes 01:00 EST, so 01:00 and 01:30 happen twice. An entry fills the first 01:00.
        SlotGrid grid = new SlotGrid(NEW_YORK, HALF_HOUR, HALF_HOUR);
        TimeRange range = range("2026-11-01T04:00:00Z", "2026-11-01T08:00:00Z");
        List<TimeRange> busy = Occupancy.atCapacity(List.of(range("2026-11-01T05:00:00Z", "2026-11-01T05:30:00Z")), 1, range);

        assertThat(local(grid.candidates(range), NEW_YORK)).containsExactly("2026-11-01T00:00-04:00", "2026-11-01T00:30-04:00",
                "2026-11-01T01:00-04:00", "2026-11-01T01:30-04:00", "2026-11-01T01:00-05:00", "2026-11-01T01:30-05:00",
                "2026-11-01T02:00-05:00", "2026-11-01T02:30-05:00");
        assertThat(local(grid.free(range, Duration.ZERO, busy), NEW_YORK)).containsExactly("2026-11-01T00:00-04:00",
                "2026-11-01T00:30-04:00", "2026-11-01T01:30-04:00", "2026-11-01T01:00-05:00", "2026-11-01T01:30-05:00",
                "2026-11-01T02:00-05:00", "2026-11-01T02:30-05:00");
    }

    @Test
    void kathmanduSlotsFollowTheLocalHourAtAQuarterPastInUtc() {
        // Local 00:00 to 04:00 at +05:45; an entry at 19:00-19:30 UTC is local 00:45-01:15.
        SlotGrid grid = new SlotGrid(KATHMANDU, HOUR, HOUR);
        TimeRange range = range("2026-11-30T18:00:00Z", "2026-11-30T22:15:00Z");
        Duration buffer = Duration.ofMinutes(15);
        List<TimeRange> busy = Occupancy.atCapacity(List.of(range("2026-11-30T19:00:00Z", "2026-11-30T19:30:00Z")), 1,
                new TimeRange(range.start().minus(buffer), range.end().plus(buffer)));

        assertThat(starts(grid.candidates(range))).containsExactly("2026-11-30T18:15:00Z", "2026-11-30T19:15:00Z",
                "2026-11-30T20:15:00Z", "2026-11-30T21:15:00Z");
        assertThat(local(grid.free(range, buffer, busy), KATHMANDU)).containsExactly("2026-12-01T02:00+05:45", "2026-12-01T03:00+05:45");
    }

    @Test
    void lordHoweShiftsByHalfAnHourEachWay() {
        SlotGrid grid = new SlotGrid(LORD_HOWE, HALF_HOUR, HALF_HOUR);

        // 2026-10-04: 02:00 +10:30 becomes 02:30 +11:00; local 02:00 does not exist.
        assertThat(local(grid.candidates(range("2026-10-03T14:30:00Z", "2026-10-03T16:30:00Z")), LORD_HOWE))
                .containsExactly("2026-10-04T01:00+10:30", "2026-10-04T01:30+10:30", "2026-10-04T02:30+11:00",
                        "2026-10-04T03:00+11:00");
        // 2026-04-05: 02:00 +11:00 becomes 01:30 +10:30; local 01:30 happens twice.
        assertThat(local(grid.candidates(range("2026-04-04T14:00:00Z", "2026-04-04T16:00:00Z")), LORD_HOWE))
                .containsExactly("2026-04-05T01:00+11:00", "2026-04-05T01:30+11:00", "2026-04-05T01:30+10:30",
                        "2026-04-05T02:00+10:30");
        // An hourly grid loses its 02:00 in spring, so the candidates are 90 minutes apart there.
        assertThat(starts(new SlotGrid(LORD_HOWE, HOUR, HOUR).candidates(range("2026-10-03T14:30:00Z", "2026-10-03T17:00:00Z"))))
                .containsExactly("2026-10-03T14:30:00Z", "2026-10-03T16:00:00Z");
    }

    @Test
    void aSlotLongerThanTheIncrementOverlapsItsNeighbours() {
        SlotGrid grid = new SlotGrid(ZoneOffset.UTC, HALF_HOUR, Duration.ofMinutes(90));
        List<TimeRange> busy = List.of(range("2026-12-01T11:00:00Z", "2026-12-01T11:30:00Z"));

        assertThat(starts(grid.free(range("2026-12-01T08:00:00Z", "2026-12-01T13:00:00Z"), Duration.ZERO, busy)))
                .containsExactly("2026-12-01T08:00:00Z", "2026-12-01T08:30:00Z", "2026-12-01T09:00:00Z",
                        "2026-12-01T09:30:00Z", "2026-12-01T11:30:00Z");
    }

    private static TimeRange range(String start, String end) {
        return new TimeRange(Instant.parse(start), Instant.parse(end));
    }

    private static List<String> starts(List<TimeRange> slots) {
        return slots.stream().map(slot -> slot.start().toString()).toList();
    }

    private static List<String> local(List<TimeRange> slots, ZoneId zone) {
        return slots.stream().map(slot -> OffsetDateTime.ofInstant(slot.start(), zone).toString()).toList();
    }
}
