package dev.almanac.commands.item;

import java.sql.Timestamp;
import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import dev.almanac.commands.eventstore.WritesWithCommit;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ItemScheduled;

/**
 * Keeps {@code calendar_booking} in step with the items. Its processing group is subscribing
 * (see application.yml), so it runs in the command's own transaction: the booking and the
 * event commit together or not at all. Its writes travel with the commit ({@link WritesWithCommit}):
 * {@link JdbcCapacityGuard}, the ledger's one reader, flushes them before it reads.
 */
@Component
@ProcessingGroup(BookingLedger.PROCESSING_GROUP)
class BookingLedger {

    static final String PROCESSING_GROUP = "booking-ledger";

    private final WritesWithCommit writes;

    BookingLedger(WritesWithCommit writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(ItemScheduled scheduled) {
        book(scheduled.itemId(), scheduled.calendarId(), scheduled.start(), scheduled.end());
    }

    @EventHandler
    void on(ItemRescheduled rescheduled) {
        writes.defer("UPDATE calendar_booking SET start_at = ?, end_at = ? WHERE item_id = ?",
                Timestamp.from(rescheduled.start()), Timestamp.from(rescheduled.end()), rescheduled.itemId().value());
    }

    /** An undone cancellation takes the item's place back; the undo was admitted by the capacity guard. */
    @EventHandler
    void on(ItemRestored restored) {
        book(restored.itemId(), restored.calendarId(), restored.start(), restored.end());
    }

    /** A cancelled item holds no place: its capacity is free for the next booking. */
    @EventHandler
    void on(ItemCancelled cancelled) {
        writes.defer("DELETE FROM calendar_booking WHERE item_id = ?", cancelled.itemId().value());
    }

    /** A deleted item holds no place either (ADR 0084); deleting a cancelled one finds no row. */
    @EventHandler
    void on(ItemDeleted deleted) {
        writes.defer("DELETE FROM calendar_booking WHERE item_id = ?", deleted.itemId().value());
    }

    private void book(ItemId itemId, CalendarId calendarId, Instant start, Instant end) {
        writes.defer("INSERT INTO calendar_booking (item_id, calendar_id, start_at, end_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (item_id) DO UPDATE SET start_at = EXCLUDED.start_at, end_at = EXCLUDED.end_at",
                itemId.value(), calendarId.value(), Timestamp.from(start), Timestamp.from(end));
    }
}
