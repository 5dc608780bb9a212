package dev.almanac.commands.item;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.CommandRejectedException.Reason;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.events.ReminderId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.schedule.ItemReminderRemoved;
import dev.almanac.events.schedule.ItemReminderSet;
import dev.almanac.platform.identity.Caller;

/**
 * The reminders set on an {@link Item} (seed 004, ADR 0079), a member of the item's aggregate, in its event stream. A
 * user may set one for themselves with any role on the item's calendar; one for another user needs the scheduler role.
 * The dispatcher sends each one at the item's start instant less its minutes, and moves it with the item.
 */
class ItemReminderList {

    /** The most reminders one item may have. */
    static final int MAX_REMINDERS = 50;

    private final Item item;
    private final Map<ReminderId, ItemReminderSet> reminders = new HashMap<>();

    ItemReminderList(Item item) {
        this.item = item;
    }

    @CommandHandler
    ReminderChanged handle(SetItemReminder command, Caller caller, Calendars calendars, Clock clock) {
        item.rejectIfCancelled("take reminders");
        requireRight(caller, command.userId().equals(caller.id()), calendars);
        ZoneId zone = command.timezone() == null ? item.timezone() : command.timezone();
        ItemReminderSet set = new ItemReminderSet(item.itemId(), item.calendarId(), item.slot().start(), item.slot().end(), item.title(),
                command.reminderId(), command.userId(), command.minutesBefore(), zone);
        Instant now = clock.instant();
        if (!set.dueAt().isAfter(now)) {
            throw new CommandRejectedException(Reason.INVALID, "minutes_before", "before_start", "a reminder " + command.minutesBefore()
                    + " minutes before item " + item.itemId() + "'s start at " + item.slot().start() + " would be due at " + set.dueAt()
                    + ", which has passed; choose fewer minutes");
        }
        ItemReminderSet existing = reminders.get(command.reminderId());
        if (existing != null && existing.equals(set)) {
            return changed(set, false);
        }
        if (existing == null && reminders.size() >= MAX_REMINDERS) {
            throw new CommandRejectedException(Reason.CONFLICT, "id", "max_reminders", "item " + item.itemId() + " already has "
                    + reminders.size() + " reminders, the most an item may have; remove one first");
        }
        apply(set);
        return changed(set, true);
    }

    @CommandHandler
    ReminderChanged handle(RemoveItemReminder command, Caller caller, Calendars calendars) {
        ItemReminderSet existing = reminders.get(command.reminderId());
        if (existing == null) {
            throw new CommandRejectedException(Reason.NOT_FOUND, "reminderId", "exists",
                    "item " + item.itemId() + " has no reminder " + command.reminderId());
        }
        requireRight(caller, existing.userId().equals(caller.id()), calendars);
        apply(new ItemReminderRemoved(item.itemId(), item.calendarId(), item.slot().start(), item.slot().end(), existing.reminderId(),
                existing.userId()));
        return changed(existing, true);
    }

    private void requireRight(Caller caller, boolean ownReminder, Calendars calendars) {
        CalendarTerms calendar = item.termsOf(calendars);
        if (ownReminder) {
            calendar.require(caller, CalendarRole.VIEWER, "id");
        } else {
            calendar.require(caller, CalendarRole.SCHEDULER, "user");
        }
    }

    @EventSourcingHandler
    void on(ItemReminderSet set) {
        reminders.put(set.reminderId(), set);
    }

    @EventSourcingHandler
    void on(ItemReminderRemoved removed) {
        reminders.remove(removed.reminderId());
    }

    private ReminderChanged changed(ItemReminderSet set, boolean changed) {
        StatusChanged current = item.statusChanged();
        return new ReminderChanged(set.userId(), set.minutesBefore(), set.timezone(), set.dueAt(), changed, current.version(),
                current.at(), current.eventId());
    }
}
