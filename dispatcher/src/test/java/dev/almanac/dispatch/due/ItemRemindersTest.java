package dev.almanac.dispatch.due;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.almanac.dispatch.testing.RecordingSink;
import dev.almanac.events.ReminderId;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.dispatch.ReminderDue;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemFields;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ScheduleStatus;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemReminderRemoved;
import dev.almanac.events.schedule.ItemReminderSet;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ScheduleEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** Reminders of one-off items (seed 004, ADR 0079): due at the start instant less their minutes, once per start. */
class ItemRemindersTest {

    private static final CalendarId OPS = CalendarId.of("cal-ops");
    private static final ItemId SHIFT = ItemId.of("item-shift");
    private static final UserId SAM = UserId.of("sam@example.com");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant START = Instant.parse("2026-12-01T14:00:00Z");

    private final RecordingSink sink = new RecordingSink();
    private final PartitionDispatch partition = new PartitionDispatch(DispatchSettings.DEFAULT, T0, T0);
    private long version;

    private void apply(ScheduleEvent event, Instant now) {
        EventMetadata envelope = new EventMetadata(UUID.randomUUID().toString(), EventCatalog.of(event).ceType(), "/almanac/test", now,
                event.subject(), ++version, SAM.value(), "corr-shift", null);
        partition.onItemEvent(event, envelope, now, sink);
    }

    private void tick(Instant at) {
        partition.due(at, at, sink);
    }

    private static ItemReminderSet remind(String id, int minutes, Instant start) {
        return new ItemReminderSet(SHIFT, OPS, start, start.plusSeconds(3600), "Shift", ReminderId.of(id), SAM, minutes, NEW_YORK);
    }

    @Test
    void aReminderIsDueItsMinutesBeforeTheStartOnceAndNotBefore() {
        apply(remind("rem-1", 30, START), T0);
        assertThat(partition.nextWake()).contains(START.minusSeconds(1800));

        tick(START.minusSeconds(1800).minusMillis(1));
        assertThat(sink.publishedOf(ReminderDue.class)).isEmpty();
        tick(START.minusSeconds(1800));
        tick(START.minusSeconds(1700));

        assertThat(sink.publishedOf(ReminderDue.class)).singleElement().satisfies(due -> {
            assertThat(due.reminderId()).isEqualTo(ReminderId.of("rem-1"));
            assertThat(due.userId()).isEqualTo(SAM);
            assertThat(due.itemId()).isEqualTo(SHIFT);
            assertThat(due.start()).isEqualTo(START);
            assertThat(due.dueAt()).isEqualTo(START.minusSeconds(1800));
            assertThat(due.firedAt()).isEqualTo(START.minusSeconds(1800));
            assertThat(due.minutesBefore()).isEqualTo(30);
            assertThat(due.timezone()).isEqualTo(NEW_YORK);
            assertThat(due.title()).isEqualTo("Shift");
        });
        assertThat(partition.nextWake()).as("nothing left to wake for").isEmpty();
    }

    @Test
    void aRescheduledItemMovesItsReminderAndAnItemWithoutRemindersIsNotKept() {
        apply(remind("rem-1", 30, START), T0);
        Instant later = START.plusSeconds(7200);
        apply(new ItemRescheduled(SHIFT, OPS, START, START.plusSeconds(3600), later, later.plusSeconds(3600), null), T0.plusSeconds(60));
        assertThat(partition.nextWake()).contains(later.minusSeconds(1800));

        tick(START.minusSeconds(1800));
        assertThat(sink.publishedOf(ReminderDue.class)).isEmpty();
        tick(later.minusSeconds(1800));
        assertThat(sink.publishedOf(ReminderDue.class)).extracting(ReminderDue::start).containsExactly(later);

        ItemId other = ItemId.of("item-other");
        partition.onItemEvent(new ItemRescheduled(other, OPS, START, START.plusSeconds(60), later, later.plusSeconds(60), null),
                new EventMetadata("e-other", "t", "/almanac/test", T0, other.value(), 1, "a", "c", null), T0, sink);
        assertThat(partition.remindsOf(other)).isFalse();
    }

    @Test
    void aCancelledItemOrARemovedReminderWithdrawsItAndARestoredItemArmsItAgain() {
        apply(remind("rem-1", 30, START), T0);
        apply(remind("rem-2", 60, START), T0);
        apply(new ItemCancelled(SHIFT, OPS, START, START.plusSeconds(3600), "no staff", null, null), T0.plusSeconds(10));
        assertThat(partition.nextWake()).isEmpty();

        apply(new ItemRestored(SHIFT, OPS, "Shift", START, START.plusSeconds(3600), "undo"), T0.plusSeconds(20));
        apply(new ItemReminderRemoved(SHIFT, OPS, START, START.plusSeconds(3600), ReminderId.of("rem-2"), SAM), T0.plusSeconds(30));
        tick(START);

        assertThat(sink.publishedOf(ReminderDue.class)).extracting(ReminderDue::reminderId).containsExactly(ReminderId.of("rem-1"));
        apply(new ItemReminderRemoved(SHIFT, OPS, START, START.plusSeconds(3600), ReminderId.of("rem-1"), SAM), START);
        assertThat(partition.remindsOf(SHIFT)).isFalse();
        assertThat(sink.itemReminders).isEmpty();
    }

    /** ADR 0084: a deleted item's reminders are dropped for good; a PUT's new title is the one its reminders tell. */
    @Test
    void aDeletedItemsRemindersAreNeverSentAndARetitledItemsTellTheNewTitle() {
        apply(remind("rem-1", 30, START), T0);
        ItemFields before = new ItemFields("Shift", "shift", Priority.NORMAL, List.of(), ScheduleStatus.SCHEDULED);
        apply(new ItemUpdated(SHIFT, OPS, START, START.plusSeconds(3600), before,
                new ItemFields("Night shift", "shift", Priority.NORMAL, List.of(), ScheduleStatus.TENTATIVE)), T0.plusSeconds(10));
        tick(START.minusSeconds(1800));
        assertThat(sink.publishedOf(ReminderDue.class)).extracting(ReminderDue::title).containsExactly("Night shift");

        apply(remind("rem-2", 10, START), T0.plusSeconds(20));
        apply(new ItemDeleted(SHIFT, OPS, START, START.plusSeconds(3600), "Entered twice"), T0.plusSeconds(30));
        assertThat(partition.remindsOf(SHIFT)).isFalse();
        assertThat(partition.nextWake()).isEmpty();
        tick(START);
        assertThat(sink.publishedOf(ReminderDue.class)).hasSize(1);
        assertThat(sink.itemReminders).isEmpty();
    }

    @Test
    void aReminderWhoseInstantPassedIsSentAtOnceIfItsItemHasNotStartedAndOncePerStart() {
        tick(START.minusSeconds(600));
        apply(remind("rem-1", 30, START), START.minusSeconds(600));
        assertThat(sink.publishedOf(ReminderDue.class)).as("20 minutes late, still before the start").hasSize(1);
        apply(remind("rem-1", 30, START), START.minusSeconds(590));
        tick(START);
        assertThat(sink.publishedOf(ReminderDue.class)).as("set again for the same start").hasSize(1);

        Instant past = START.minusSeconds(3600 * 3);
        apply(new ItemRescheduled(SHIFT, OPS, START, START.plusSeconds(3600), past, past.plusSeconds(3600), null), START.plusSeconds(1));
        assertThat(sink.publishedOf(ReminderDue.class)).as("an item moved into the past is no news").hasSize(1);
    }

    @Test
    void aRestoredPartitionKeepsItsItemsRemindersAndWhatItSent() {
        apply(remind("rem-1", 30, START), T0);
        apply(remind("rem-2", 10, START), T0);
        tick(START.minusSeconds(1800));
        PartitionDispatch restored = new PartitionDispatch(DispatchSettings.DEFAULT, sink.watermark, T0);
        sink.itemReminders.values().forEach(restored::restoreItemReminders);
        sink.done.forEach(restored::restoreDone);
        restored.restored();
        sink.clear();

        assertThat(restored.nextWake()).contains(START.minusSeconds(600));
        restored.due(START, START, sink);
        assertThat(sink.publishedOf(ReminderDue.class)).extracting(ReminderDue::reminderId).containsExactly(ReminderId.of("rem-2"));
    }
}
