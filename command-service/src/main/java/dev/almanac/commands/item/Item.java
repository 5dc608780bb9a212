package dev.almanac.commands.item;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.problem.Violation;

/** A one-off item on a calendar. */
@Aggregate(cache = "itemCache")
public class Item {

    @AggregateIdentifier
    private String storeId;
    private ItemId itemId;
    private CalendarId calendarId;
    private TimeRange slot;
    private ZoneId timezone;
    private ItemStatus status;
    private long version;
    private String lastEventId;
    private Instant lastEventTime;

    protected Item() {
        // For Axon, which rebuilds the item from its events.
    }

    @CommandHandler
    public Item(ScheduleItem command, Calendars calendars, CapacityGuard capacity, Clock clock) {
        capacity.hold(command.calendarId());
        CalendarTerms calendar = calendars.find(command.calendarId()).orElseThrow(() -> new CommandRejectedException(
                CommandRejectedException.Reason.UNKNOWN_REFERENCE, "calendar_id", "exists",
                "calendar_id " + command.calendarId() + " names no calendar"));
        rejectIfInvalid(ScheduleRules.check(command.start(), command.end(), calendar.itemDurations(), clock.instant(), "start", "end"));
        calendar.requireActive("calendar_id");
        capacity.admit(calendar, command.itemId(), new TimeRange(command.start(), command.end()));
        apply(command.toEvent());
    }

    @CommandHandler
    public Rescheduled handle(RescheduleItem command, Calendars calendars, CapacityGuard capacity, Clock clock) {
        rejectIfCancelled("reschedule");
        Duration duration = slot.duration();
        Instant newEnd = command.newTime().plus(duration);
        rejectIfInvalid(ScheduleRules.checkStart(command.newTime(), clock.instant(), "new_time"));
        Instant previousStart = slot.start();
        if (!previousStart.equals(command.newTime())) {
            capacity.hold(calendarId);
            calendars.find(calendarId).ifPresent(calendar ->
                    capacity.admit(calendar, itemId, new TimeRange(command.newTime(), newEnd)));
            apply(new ItemRescheduled(itemId, calendarId, slot.start(), slot.end(), command.newTime(), newEnd, command.reason()));
        }
        return new Rescheduled(previousStart, slot.start(), timezone, version, lastEventTime, lastEventId);
    }

    /** Confirms the item where it is; confirming a confirmed item changes nothing. */
    @CommandHandler
    public StatusChanged handle(ConfirmItem command) {
        rejectIfCancelled("confirm");
        if (status != ItemStatus.CONFIRMED) {
            apply(new ItemConfirmed(itemId, calendarId, slot.start(), slot.end()));
        }
        return statusChanged();
    }

    /** Takes the item off its calendar; its booking is released in the same transaction ({@link BookingLedger}). */
    @CommandHandler
    public StatusChanged handle(CancelItem command) {
        rejectIfCancelled("cancel");
        apply(new ItemCancelled(itemId, calendarId, slot.start(), slot.end(), command.reason()));
        return statusChanged();
    }

    /**
     * Where a move to {@code newTime} would put this item, for a bulk reschedule that checks its
     * moves together ({@link BatchPlan}); empty for a cancelled item, which holds no place.
     */
    Optional<BatchPlan.Placement> placeAt(Instant newTime) {
        if (status == ItemStatus.CANCELLED) {
            return Optional.empty();
        }
        return Optional.of(new BatchPlan.Placement(calendarId, new TimeRange(newTime, newTime.plus(slot.duration()))));
    }

    @EventSourcingHandler
    void on(ItemScheduled scheduled, DomainEventMessage<?> message, @Timestamp Instant at) {
        storeId = StoreIds.item(scheduled.itemId());
        itemId = scheduled.itemId();
        calendarId = scheduled.calendarId();
        slot = new TimeRange(scheduled.start(), scheduled.end());
        timezone = scheduled.timezone();
        status = ItemStatus.SCHEDULED;
        remember(message, at);
    }

    /** A move withdraws a confirmation: what was confirmed was the old slot. */
    @EventSourcingHandler
    void on(ItemRescheduled rescheduled, DomainEventMessage<?> message, @Timestamp Instant at) {
        slot = new TimeRange(rescheduled.start(), rescheduled.end());
        status = ItemStatus.SCHEDULED;
        remember(message, at);
    }

    @EventSourcingHandler
    void on(ItemConfirmed confirmed, DomainEventMessage<?> message, @Timestamp Instant at) {
        status = ItemStatus.CONFIRMED;
        remember(message, at);
    }

    @EventSourcingHandler
    void on(ItemCancelled cancelled, DomainEventMessage<?> message, @Timestamp Instant at) {
        status = ItemStatus.CANCELLED;
        remember(message, at);
    }

    private StatusChanged statusChanged() {
        return new StatusChanged(calendarId, status, slot, version, lastEventTime, lastEventId);
    }

    /** A cancelled item keeps its history but takes no further change (409, rule {@code cancelled}). */
    private void rejectIfCancelled(String change) {
        if (status == ItemStatus.CANCELLED) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "cancelled",
                    "item " + itemId + " is cancelled and cannot " + change + "; schedule a new item instead");
        }
    }

    private void remember(DomainEventMessage<?> message, Instant at) {
        version = message.getSequenceNumber();
        lastEventId = message.getIdentifier();
        lastEventTime = at;
    }

    private static void rejectIfInvalid(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new CommandRejectedException(CommandRejectedException.Reason.INVALID, violations);
        }
    }
}
