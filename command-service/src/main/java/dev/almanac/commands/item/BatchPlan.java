package dev.almanac.commands.item;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import dev.almanac.commands.item.JdbcCapacityGuard.Booking;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;

/**
 * Where one bulk reschedule puts each of its items, held in the command's unit of work. The
 * booking ledger changes only when the unit of work commits, so while a batch is checked it
 * still shows every item of the batch at its old place; the capacity guard reads it through
 * this plan, and so checks each move against the calendar as the whole batch would leave it.
 * That refuses two moves into the last place of a slot, and lets two items swap places.
 */
record BatchPlan(Map<ItemId, Placement> placements) {

    private static final String RESOURCE = BatchPlan.class.getName();

    BatchPlan {
        placements = Map.copyOf(placements);
    }

    /** Where the batch puts an item: its calendar and its new slot. */
    record Placement(CalendarId calendarId, TimeRange slot) {
    }

    /** Makes this plan the one that capacity checks in the current unit of work read. */
    void holdInCurrentUnitOfWork() {
        CurrentUnitOfWork.get().resources().put(RESOURCE, this);
    }

    /** The plan of the batch being checked, or empty outside a bulk reschedule. */
    static Optional<BatchPlan> current() {
        return CurrentUnitOfWork.isStarted()
                ? Optional.ofNullable(CurrentUnitOfWork.get().getResource(RESOURCE))
                : Optional.empty();
    }

    /**
     * The bookings that overlap {@code slot} on {@code calendar} once the batch is applied: the
     * ledger's, without the items the batch moves, and the batch's own placements there, except
     * {@code item}'s.
     */
    List<Booking> applyTo(CalendarId calendar, ItemId item, TimeRange slot, List<Booking> ledger) {
        List<Booking> after = new ArrayList<>();
        for (Booking booking : ledger) {
            if (!placements.containsKey(ItemId.of(booking.itemId()))) {
                after.add(booking);
            }
        }
        placements.forEach((planned, placement) -> {
            if (!planned.equals(item) && placement.calendarId().equals(calendar) && placement.slot().overlaps(slot)) {
                after.add(new Booking(planned.value(), placement.slot().start(), placement.slot().end()));
            }
        });
        return after;
    }
}
