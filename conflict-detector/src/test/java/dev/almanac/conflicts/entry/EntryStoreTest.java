package dev.almanac.conflicts.entry;

import static dev.almanac.conflicts.testing.Entries.item;
import static dev.almanac.conflicts.testing.Entries.occurrence;
import static dev.almanac.conflicts.testing.Entries.slot;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.platform.testing.InMemoryMongo;

/** Proves the store's writes and queries on mongo-java-server, the server of the local stack. */
class EntryStoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final CalendarId BALLROOM = CalendarId.of("cal-ballroom");
    private static final CalendarId ANNEX = CalendarId.of("cal-annex");

    private EntryStore entries;

    @BeforeEach
    void freshStore() {
        entries = new EntryStore(InMemoryMongo.freshDatabase());
        entries.createIndexes().block(TIMEOUT);
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

        assertThat(entries.meeting(BALLROOM, slot("09:00", "10:00")).collectList().block(TIMEOUT))
                .containsExactly(endsAtStart, inside, crossing, startsAtEnd);
    }

    @Test
    void keepsOnlyTheNewestVersionOfAnEntry() {
        place(BALLROOM, item("review", "09:00", "10:00"), 1);

        boolean applied = entries.place(BALLROOM, item("review", "12:00", "13:00"), 0).block(TIMEOUT);

        assertThat(applied).isFalse();
        assertThat(entries.find(EntryKey.item("review")).block(TIMEOUT)).isEqualTo(item("review", "09:00", "10:00"));
    }

    @Test
    void aMoveKeepsTheTitleAndChangesTheTime() {
        place(BALLROOM, item("review", "09:00", "10:00"), 0);

        entries.move(BALLROOM, EntryKey.item("review"), slot("11:00", "12:00"), 1).block(TIMEOUT);

        assertThat(entries.find(EntryKey.item("review")).block(TIMEOUT)).isEqualTo(item("review", "11:00", "12:00"));
    }

    @Test
    void aMoveOfAnEntryNeverPlacedStoresItWithoutTitle() {
        entries.move(BALLROOM, EntryKey.item("unseen"), slot("11:00", "12:00"), 3).block(TIMEOUT);

        assertThat(entries.find(EntryKey.item("unseen")).block(TIMEOUT))
                .isEqualTo(new Entry(EntryKey.item("unseen"), "", slot("11:00", "12:00")));
    }

    @Test
    void itemsAndOccurrencesWithTheSameIdAreDifferentEntries() {
        place(BALLROOM, item("same", "09:00", "10:00"), 0);
        place(BALLROOM, occurrence("same", "11:00", "12:00"), 0);

        assertThat(entries.onCalendar(BALLROOM).collectList().block(TIMEOUT))
                .containsExactly(item("same", "09:00", "10:00"), occurrence("same", "11:00", "12:00"));
    }

    private void place(CalendarId calendarId, Entry entry, long version) {
        entries.place(calendarId, entry, version).block(TIMEOUT);
    }
}
