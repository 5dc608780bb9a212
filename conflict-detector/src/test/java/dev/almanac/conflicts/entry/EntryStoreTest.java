package dev.almanac.conflicts.entry;

import static dev.almanac.conflicts.testing.Entries.item;
import static dev.almanac.conflicts.testing.Entries.occurrence;
import static dev.almanac.conflicts.testing.Entries.slot;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.intake.PartitionState;
import dev.almanac.conflicts.testing.InMemoryState;
import dev.almanac.events.calendar.CalendarId;

/** The key layouts at work: range scans over a calendar's entries by time, and version guards by entry. */
class EntryStoreTest {

    private static final CalendarId BALLROOM = CalendarId.of("cal-ballroom");
    private static final CalendarId ANNEX = CalendarId.of("cal-annex");

    private PartitionState state;
    private EntryStore entries;

    @BeforeEach
    void freshStore() {
        state = InMemoryState.fresh();
        entries = state.entries();
    }

    @Test
    void findsTheEntriesThatOverlapOrTouchARangeOnOneCalendar() {
        Entry endsAtStart = item("ends-at-start", "08:00", "09:00");
        Entry inside = item("inside", "09:15", "09:45");
        Entry crossing = occurrence("crossing", "09:30", "11:00");
        Entry startsAtEnd = item("starts-at-end", "10:00", "10:30");
        place(BALLROOM, endsAtStart, 0);
        place(BALLROOM, inside, 0);
        place(BALLROOM, crossing, 0);
        place(BALLROOM, startsAtEnd, 0);
        place(BALLROOM, item("before", "07:00", "08:59"), 0);
        place(BALLROOM, item("after", "10:01", "11:00"), 0);
        place(ANNEX, item("other-calendar", "09:00", "10:00"), 0);
        place(CalendarId.of("cal-ballroom-2"), item("longer-calendar-id", "09:00", "10:00"), 0);

        assertThat(entries.meeting(BALLROOM, slot("09:00", "10:00")))
                .containsExactly(endsAtStart, inside, crossing, startsAtEnd);
    }

    @Test
    void aLongEntryThatStartedWellBeforeTheRangeIsFound() {
        Entry allDay = item("all-day", "00:00", "23:00");
        place(BALLROOM, allDay, 0);
        place(BALLROOM, item("short", "01:00", "02:00"), 0);

        assertThat(entries.meeting(BALLROOM, slot("20:00", "21:00"))).containsExactly(allDay);
    }

    @Test
    void keepsOnlyTheNewestVersionOfAnEntry() {
        place(BALLROOM, item("review", "09:00", "10:00"), 1);

        EntryStore.Placement placement = entries.place(BALLROOM, item("review", "12:00", "13:00"), 1);

        assertThat(placement.applied()).isFalse();
        assertThat(entries.find(EntryKey.item("review"))).map(StoredEntry::entry).contains(item("review", "09:00", "10:00"));
        assertThat(entries.meeting(BALLROOM, slot("12:00", "13:00"))).isEmpty();
    }

    @Test
    void aMoveKeepsTheTitleChangesTheTimeAndLeavesNothingAtTheOldTime() {
        place(BALLROOM, item("review", "09:00", "10:00"), 0);

        EntryStore.Placement placement = entries.move(BALLROOM, EntryKey.item("review"), slot("11:00", "12:00"), 1);
        state.commit();

        assertThat(placement.previous()).isEqualTo(new StoredEntry(BALLROOM, item("review", "09:00", "10:00"), 0));
        assertThat(entries.find(EntryKey.item("review"))).contains(new StoredEntry(BALLROOM, item("review", "11:00", "12:00"), 1));
        assertThat(entries.onCalendar(BALLROOM)).containsExactly(item("review", "11:00", "12:00"));
    }

    @Test
    void aMoveOfAnEntryNeverPlacedStoresItWithoutTitle() {
        entries.move(BALLROOM, EntryKey.item("unseen"), slot("11:00", "12:00"), 3);

        assertThat(entries.find(EntryKey.item("unseen")).map(StoredEntry::entry))
                .contains(new Entry(EntryKey.item("unseen"), "", slot("11:00", "12:00")));
    }

    @Test
    void itemsAndOccurrencesWithTheSameIdAreDifferentEntries() {
        place(BALLROOM, item("same", "09:00", "10:00"), 0);
        place(BALLROOM, occurrence("same", "11:00", "12:00"), 0);

        assertThat(entries.onCalendar(BALLROOM))
                .containsExactly(item("same", "09:00", "10:00"), occurrence("same", "11:00", "12:00"));
    }

    private void place(CalendarId calendarId, Entry entry, long version) {
        entries.place(calendarId, entry, version);
        state.commit();
    }
}
