package dev.almanac.commands.item;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.TimeRange;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemFields;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemUnconfirmed;
import dev.almanac.platform.identity.Caller;

/**
 * The undo of an {@link Item}'s last change (LNK-UNDO): who made it, when, and what compensates it.
 * A member of the item's aggregate, in its event stream: the compensating event is one of the
 * item's own, marked with {@link #UNDO_OF}.
 */
class ItemUndo {

    /** How long after a change its author may undo it (LNK-UNDO). */
    static final Duration UNDO_WINDOW = Duration.ofMinutes(5);

    /** Metadata on a compensating event: the id of the event it undoes. */
    static final String UNDO_OF = "undoOf";

    private final Item item;
    private @Nullable LastChange lastChange;

    ItemUndo(Item item) {
        this.item = item;
    }

    /**
     * Compensates the acting user's own last change, within {@link #UNDO_WINDOW} of it: a scheduling
     * by a cancellation, a move by a move back, a confirmation by its withdrawal, a cancellation by a
     * restoration, a PUT by the PUT back. Moves and restorations take the capacity guard as any booking does. The undo is
     * itself recorded; it cannot be undone in turn. Like the change it undoes, it needs the item's owner or a manager (ADR 0090),
     * and the manager role from 2 hours before the item's start, or the start it goes back to, on (SCH-005).
     */
    @CommandHandler
    StatusChanged handle(UndoItem command, Caller caller, Calendars calendars, CapacityGuard capacity, Clock clock) {
        String actor = caller.actor();
        if (lastChange == null || lastChange.wasUndo()) {
            throw refused("nothing_to_undo", "item " + item.itemId() + " has no change to undo: its last change was an undo");
        }
        if (!lastChange.actor().equals(actor)) {
            throw refused("own_change", "the last change to item " + item.itemId() + " was made by " + lastChange.actor()
                    + "; only its author can undo it");
        }
        String linked = item.links().described();
        if (!linked.isEmpty() && lastChange.kind() != ChangeKind.CONFIRMED) {
            throw refused("linked", "item " + item.itemId() + linked + ", which move and are cancelled together; undo a linked "
                    + "change by moving the primary back, or unlink first");
        }
        if (clock.instant().isAfter(lastChange.at().plus(UNDO_WINDOW))) {
            throw refused("undo_window", "the last change to item " + item.itemId() + " was made at " + lastChange.at()
                    + ", more than " + UNDO_WINDOW.toMinutes() + " minutes ago; it can no longer be undone");
        }
        if (lastChange.kind() == ChangeKind.UPDATED && item.isCancelled()) {
            throw refused("cancelled", "item " + item.itemId() + " is cancelled; its fields changed before cannot be undone now");
        }
        boolean books = lastChange.kind() == ChangeKind.RESCHEDULED || lastChange.kind() == ChangeKind.CANCELLED;
        // A booking reads the terms under the calendar's lock (ADR 0020).
        CalendarTerms calendar = books ? item.heldTermsOf(calendars) : item.termsOf(calendars);
        TimeRange slot = item.slot();
        ItemRoles.requireToChange(calendar, caller, item.itemId(), item.owner(), slot.start(), clock);
        if (lastChange.kind() == ChangeKind.RESCHEDULED) {
            ItemRoles.requireManagerNearStart(calendar, caller, item.itemId(), lastChange.previousSlot().start(), "id", clock);
        }
        MetaData undoOf = MetaData.with(UNDO_OF, lastChange.eventId());
        String reason = "undo of " + lastChange.kind().name().toLowerCase() + " " + lastChange.eventId();
        switch (lastChange.kind()) {
            // An undo changes this item alone: a linked item's changes are refused above.
            case SCHEDULED -> apply(new ItemCancelled(item.itemId(), item.calendarId(), slot.start(), slot.end(), reason, null,
                    List.of()), undoOf);
            case CONFIRMED -> apply(new ItemUnconfirmed(item.itemId(), item.calendarId(), slot.start(), slot.end(), reason), undoOf);
            case RESCHEDULED -> {
                TimeRange back = lastChange.previousSlot();
                ScheduleRules.requireStart(back.start(), clock.instant(), "id");
                capacity.admit(calendar, item.itemId(), back);
                apply(new ItemRescheduled(item.itemId(), item.calendarId(), slot.start(), slot.end(), back.start(), back.end(), reason,
                        null, null, List.of()), undoOf);
            }
            // A PUT is undone by the PUT back: the fields as they were before it.
            case UPDATED -> apply(new ItemUpdated(item.itemId(), item.calendarId(), slot.start(), slot.end(), item.fields(),
                    lastChange.previousFields()), undoOf);
            case CANCELLED -> {
                calendar.requireActive("id");
                capacity.admit(calendar, item.itemId(), slot);
                apply(new ItemRestored(item.itemId(), item.calendarId(), item.title(), slot.start(), slot.end(), reason), undoOf);
            }
        }
        return item.statusChanged();
    }

    @EventSourcingHandler
    void on(ItemScheduled scheduled, DomainEventMessage<?> message, @Timestamp Instant at) {
        changed(ChangeKind.SCHEDULED, message, at, null);
    }

    @EventSourcingHandler
    void on(ItemRescheduled rescheduled, DomainEventMessage<?> message, @Timestamp Instant at) {
        changed(ChangeKind.RESCHEDULED, message, at, new TimeRange(rescheduled.previousStart(), rescheduled.previousEnd()));
    }

    @EventSourcingHandler
    void on(ItemConfirmed confirmed, DomainEventMessage<?> message, @Timestamp Instant at) {
        changed(ChangeKind.CONFIRMED, message, at, null);
    }

    @EventSourcingHandler
    void on(ItemCancelled cancelled, DomainEventMessage<?> message, @Timestamp Instant at) {
        changed(ChangeKind.CANCELLED, message, at, null);
    }

    @EventSourcingHandler
    void on(ItemRestored restored, DomainEventMessage<?> message, @Timestamp Instant at) {
        changed(ChangeKind.RESTORED, message, at, null);
    }

    @EventSourcingHandler
    void on(ItemUnconfirmed unconfirmed, DomainEventMessage<?> message, @Timestamp Instant at) {
        changed(ChangeKind.UNCONFIRMED, message, at, null);
    }

    @EventSourcingHandler
    void on(ItemUpdated updated, DomainEventMessage<?> message, @Timestamp Instant at) {
        changed(ChangeKind.UPDATED, message, at, null, updated.previous());
    }

    private void changed(ChangeKind kind, DomainEventMessage<?> message, Instant at, @Nullable TimeRange previousSlot) {
        changed(kind, message, at, previousSlot, null);
    }

    private void changed(ChangeKind kind, DomainEventMessage<?> message, Instant at, @Nullable TimeRange previousSlot,
                         @Nullable ItemFields previousFields) {
        Object actor = message.getMetaData().get(CommandMetadata.ACTOR);
        boolean undo = message.getMetaData().containsKey(UNDO_OF) || kind == ChangeKind.RESTORED || kind == ChangeKind.UNCONFIRMED;
        lastChange = new LastChange(kind, actor == null ? "system" : actor.toString(), at, message.getIdentifier(), previousSlot,
                previousFields, undo);
    }

    private static CommandRejectedException refused(String rule, String message) {
        return new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", rule, message);
    }

    private enum ChangeKind { SCHEDULED, RESCHEDULED, CONFIRMED, CANCELLED, RESTORED, UNCONFIRMED, UPDATED }

    /**
     * The last change: what it was, who made it and when, its event, the slot a move replaced and the fields a PUT
     * replaced (null for any other change), and whether it was itself an undo.
     */
    private record LastChange(ChangeKind kind, String actor, Instant at, String eventId, @Nullable TimeRange previousSlot,
                              @Nullable ItemFields previousFields, boolean wasUndo) {
    }
}
