package dev.almanac.commands.item;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.resource.KnownResources;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.schedule.AttachmentAdded;
import dev.almanac.events.schedule.AttachmentId;
import dev.almanac.events.schedule.AttachmentRemoved;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemUnconfirmed;
import dev.almanac.events.schedule.OverbookingOverride;
import dev.almanac.platform.identity.Caller;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.schedule.LinkRole;
import dev.almanac.events.schedule.LinkedChange;
import dev.almanac.platform.problem.Violation;

/**
 * A one-off item on a calendar. It may depend on other items (named when it is scheduled), lead
 * followers or follow a primary (seed 002: a follower moves and is cancelled only with its primary,
 * in the same unit of work, {@link ItemMoves}), and carry references to attached files (seed 004).
 */
@Aggregate(cache = "itemCache")
public class Item {

    /** How long after a change its author may undo it (seed 002). */
    public static final Duration UNDO_WINDOW = Duration.ofMinutes(5);

    /** From how long before an item's start a change to it needs the manager role (SCH-005). */
    public static final Duration MANAGER_NOTICE = Duration.ofHours(2);

    /** Metadata on a compensating event: the id of the event it undoes. */
    static final String UNDO_OF = "undoOf";

    /** The most files one item may have attached (seed 004 was tested with 50 per event). */
    public static final int MAX_ATTACHMENTS = 50;

    @AggregateIdentifier
    private String storeId;
    private ItemId itemId;
    private CalendarId calendarId;
    private TimeRange slot;
    private ZoneId timezone;
    private ItemStatus status;
    private String title;
    private LastChange lastChange;
    private long version;
    private String lastEventId;
    private Instant lastEventTime;
    /** The primary this item follows, with the offset; null when it follows none. */
    private @Nullable Follows follows;
    private final Set<ItemId> followers = new HashSet<>();
    /** Each attachment's id, with a fingerprint of its reference that tells a repeat from a clash. */
    private final Map<AttachmentId, Integer> attachments = new HashMap<>();

    protected Item() {
        // For Axon, which rebuilds the item from its events.
    }

    /**
     * Creates the item; a handler rather than a constructor, so that it can answer the guard's warnings.
     * Scheduling needs the scheduler role on the calendar; an override, the manager role (SCH-021).
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public Scheduled handle(ScheduleItem command, Caller caller, Calendars calendars, KnownResources resources, KnownItems knownItems,
                            CapacityGuard capacity, Clock clock) {
        CalendarTerms calendar = calendars.holdAndFind(command.calendarId()).orElseThrow(() ->
                new CommandRejectedException(CommandRejectedException.Reason.UNKNOWN_REFERENCE, "calendar_id", "exists",
                        "calendar_id " + command.calendarId() + " names no calendar"));
        calendar.require(caller, CalendarRole.SCHEDULER, "calendar_id");
        requireManagerToOverride(calendar, caller, command.overrideReason());
        rejectIfInvalid(ScheduleRules.check(command.start(), command.end(), calendar.itemDurations(), clock.instant(), "start", "end"));
        resources.requireKnown("resources", command.resources());
        calendar.requireActive("calendar_id");
        List<ItemId> unknown = knownItems.unknown(command.dependencies());
        if (!unknown.isEmpty()) {
            throw new CommandRejectedException(CommandRejectedException.Reason.UNKNOWN_REFERENCE, unknown.stream()
                    .map(missing -> new Violation("dependencies[" + command.dependencies().indexOf(missing) + "]", "exists",
                            "dependency " + missing + " names no item; an item depends only on items scheduled before it"))
                    .toList());
        }
        CapacityGuard.Admission admission = capacity.admit(calendar, command.itemId(), new TimeRange(command.start(), command.end()),
                command.overrideReason() != null);
        apply(command.toEvent(recordedOverride(admission, command.overrideReason(), caller)));
        return new Scheduled(admission.warnings());
    }

    /**
     * Moves the item. It needs the scheduler role on its calendar, and the manager role when the item
     * starts, or would start, within 2 hours (SCH-005); an override needs the manager role too (SCH-021).
     */
    @CommandHandler
    public Rescheduled handle(RescheduleItem command, Caller caller, Calendars calendars, CapacityGuard capacity, Clock clock) {
        rejectIfCancelled("reschedule");
        rejectIfFollowing(command.alongWith(), "moves");
        if (!slot.start().isAfter(clock.instant())) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "started",
                    "item " + itemId + " started at " + slot.start() + " and can no longer be moved");
        }
        Duration duration = slot.duration();
        Instant newEnd = command.newTime().plus(duration);
        rejectIfInvalid(ScheduleRules.checkStart(command.newTime(), clock.instant(), "new_time"));
        CalendarTerms calendar = heldTermsOf(calendars);
        calendar.require(caller, CalendarRole.SCHEDULER, "id");
        requireManagerNearStart(calendar, caller, slot.start(), "id", clock);
        requireManagerNearStart(calendar, caller, command.newTime(), "new_time", clock);
        requireManagerToOverride(calendar, caller, command.overrideReason());
        Instant previousStart = slot.start();
        List<Violation> warnings = List.of();
        if (!previousStart.equals(command.newTime())) {
            CapacityGuard.Admission admission = capacity.admit(calendar, itemId, new TimeRange(command.newTime(), newEnd),
                    command.overrideReason() != null);
            warnings = admission.warnings();
            apply(new ItemRescheduled(itemId, calendarId, slot.start(), slot.end(), command.newTime(), newEnd, command.reason(),
                    recordedOverride(admission, command.overrideReason(), caller), command.alongWith(), command.linkedChanges()));
        }
        return new Rescheduled(previousStart, slot.start(), timezone, version, lastEventTime, lastEventId, warnings);
    }

    /** Confirms the item where it is; confirming a confirmed item changes nothing. */
    @CommandHandler
    public StatusChanged handle(ConfirmItem command, Caller caller, Calendars calendars) {
        rejectIfCancelled("confirm");
        termsOf(calendars).require(caller, CalendarRole.SCHEDULER, "id");
        if (status != ItemStatus.CONFIRMED) {
            apply(new ItemConfirmed(itemId, calendarId, slot.start(), slot.end()));
        }
        return statusChanged();
    }

    /**
     * Takes the item off its calendar; its booking is released in the same transaction ({@link BookingLedger}).
     * It needs the scheduler role, and the manager role from 2 hours before the item's start on (SCH-005).
     * A follower is cancelled along with its primary, or on its own once its primary is cancelled (an orphan,
     * ADR 0030); its link stays, and the pair is then cancelled on both sides.
     */
    @CommandHandler
    public StatusChanged handle(CancelItem command, Caller caller, Calendars calendars, Clock clock) {
        rejectIfCancelled("cancel");
        if (follows == null || !follows.primary().equals(command.cancelledPrimary())) {
            rejectIfFollowing(command.alongWith(), "is cancelled");
        }
        CalendarTerms calendar = termsOf(calendars);
        calendar.require(caller, CalendarRole.SCHEDULER, "id");
        requireManagerNearStart(calendar, caller, slot.start(), "id", clock);
        apply(new ItemCancelled(itemId, calendarId, slot.start(), slot.end(), command.reason(), command.alongWith(),
                command.linkedChanges()));
        return statusChanged();
    }

    /**
     * References a file (seed 004); the same attachment again changes nothing, another one under
     * its id is refused (409, rule {@code unique}), and an item holds at most {@link #MAX_ATTACHMENTS}
     * (409, rule {@code max_attachments}).
     */
    @CommandHandler
    public AttachmentChanged handle(AddAttachment command, Caller caller, Calendars calendars) {
        rejectIfCancelled("take attachments");
        termsOf(calendars).require(caller, CalendarRole.SCHEDULER, "id");
        Integer existing = attachments.get(command.attachmentId());
        if (existing != null) {
            if (existing == command.fingerprint()) {
                return attachmentChanged(false);
            }
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "unique", "item " + itemId
                    + " already has another attachment " + command.attachmentId() + "; remove it first, or choose another id");
        }
        if (attachments.size() >= MAX_ATTACHMENTS) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "max_attachments", "item " + itemId
                    + " already has " + attachments.size() + " attachments, the most an item may have; remove one first");
        }
        apply(new AttachmentAdded(itemId, calendarId, slot.start(), slot.end(), command.attachmentId(), command.name(),
                command.mediaType(), command.sizeBytes(), command.url(), command.storageKey()));
        return attachmentChanged(true);
    }

    /** Removes an attachment's reference; one the item does not have is 404. */
    @CommandHandler
    public AttachmentChanged handle(RemoveAttachment command, Caller caller, Calendars calendars) {
        rejectIfCancelled("change its attachments");
        termsOf(calendars).require(caller, CalendarRole.SCHEDULER, "id");
        if (!attachments.containsKey(command.attachmentId())) {
            throw new CommandRejectedException(CommandRejectedException.Reason.NOT_FOUND, "attachmentId", "exists",
                    "item " + itemId + " has no attachment " + command.attachmentId());
        }
        apply(new AttachmentRemoved(itemId, calendarId, slot.start(), slot.end(), command.attachmentId()));
        return attachmentChanged(true);
    }

    private AttachmentChanged attachmentChanged(boolean changed) {
        return new AttachmentChanged(attachments.size(), changed, version, lastEventTime, lastEventId);
    }

    /**
     * Compensates the acting user's own last change, within {@link #UNDO_WINDOW} of it: a scheduling
     * by a cancellation, a move by a move back, a confirmation by its withdrawal, a cancellation by a
     * restoration. Moves and restorations take the capacity guard as any booking does. The undo is
     * itself recorded; it cannot be undone in turn. Like the change it undoes, it needs the scheduler role,
     * and the manager role from 2 hours before the item's start, or the start it goes back to, on (SCH-005).
     */
    @CommandHandler
    public StatusChanged handle(UndoItem command, Caller caller, Calendars calendars, CapacityGuard capacity, Clock clock) {
        String actor = caller.actor();
        if (lastChange == null || lastChange.wasUndo()) {
            throw undoRefused("nothing_to_undo", "item " + itemId + " has no change to undo: its last change was an undo");
        }
        if (!lastChange.actor().equals(actor)) {
            throw undoRefused("own_change", "the last change to item " + itemId + " was made by " + lastChange.actor()
                    + "; only its author can undo it");
        }
        if ((follows != null || !followers.isEmpty()) && lastChange.kind() != ChangeKind.CONFIRMED) {
            throw undoRefused("linked", "item " + itemId + (follows != null ? " follows " + follows.primary() : " leads "
                    + followers.size() + " followers") + ", which move and are cancelled together; undo a linked change by "
                    + "moving the primary back, or unlink first");
        }
        if (clock.instant().isAfter(lastChange.at().plus(UNDO_WINDOW))) {
            throw undoRefused("undo_window", "the last change to item " + itemId + " was made at " + lastChange.at()
                    + ", more than " + UNDO_WINDOW.toMinutes() + " minutes ago; it can no longer be undone");
        }
        boolean books = lastChange.kind() == ChangeKind.RESCHEDULED || lastChange.kind() == ChangeKind.CANCELLED;
        // A booking reads the terms under the calendar's lock (ADR 0020).
        CalendarTerms calendar = books ? heldTermsOf(calendars) : termsOf(calendars);
        calendar.require(caller, CalendarRole.SCHEDULER, "id");
        requireManagerNearStart(calendar, caller, slot.start(), "id", clock);
        if (lastChange.kind() == ChangeKind.RESCHEDULED) {
            requireManagerNearStart(calendar, caller, lastChange.previousSlot().start(), "id", clock);
        }
        MetaData undoOf = MetaData.with(UNDO_OF, lastChange.eventId());
        String reason = "undo of " + lastChange.kind().name().toLowerCase() + " " + lastChange.eventId();
        switch (lastChange.kind()) {
            // An undo changes this item alone: a linked item's changes are refused above.
            case SCHEDULED -> apply(new ItemCancelled(itemId, calendarId, slot.start(), slot.end(), reason, null, List.of()), undoOf);
            case CONFIRMED -> apply(new ItemUnconfirmed(itemId, calendarId, slot.start(), slot.end(), reason), undoOf);
            case RESCHEDULED -> {
                TimeRange back = lastChange.previousSlot();
                rejectIfInvalid(ScheduleRules.checkStart(back.start(), clock.instant(), "id"));
                capacity.admit(calendar, itemId, back);
                apply(new ItemRescheduled(itemId, calendarId, slot.start(), slot.end(), back.start(), back.end(), reason, null, null,
                        List.of()), undoOf);
            }
            case CANCELLED -> {
                calendar.requireActive("id");
                capacity.admit(calendar, itemId, slot);
                apply(new ItemRestored(itemId, calendarId, title, slot.start(), slot.end(), reason), undoOf);
            }
        }
        return statusChanged();
    }

    /** The terms of the item's calendar, which outlives its items. */
    private CalendarTerms termsOf(Calendars calendars) {
        return calendars.find(calendarId).orElseThrow(this::calendarWithoutEvents);
    }

    /** As {@link #termsOf}, after taking the calendar's lock for the rest of the command. */
    private CalendarTerms heldTermsOf(Calendars calendars) {
        return calendars.holdAndFind(calendarId).orElseThrow(this::calendarWithoutEvents);
    }

    private IllegalStateException calendarWithoutEvents() {
        return new IllegalStateException("item " + itemId + " is on calendar " + calendarId + ", which has no events");
    }

    /**
     * SCH-005: from {@link #MANAGER_NOTICE} before an item's start on, changing it needs the manager role
     * on its calendar. {@code start} is the item's start, or the start a move gives it.
     */
    private void requireManagerNearStart(CalendarTerms calendar, Caller caller, Instant start, String field, Clock clock) {
        if (clock.instant().isBefore(start.minus(MANAGER_NOTICE))) {
            return;
        }
        String which = field.equals("id") ? "item " + itemId + ", which starts at " + start
                : "moving item " + itemId + " to start at " + start;
        calendar.require(caller, CalendarRole.MANAGER, field, "SCH-005",
                "changing " + which + ", within " + MANAGER_NOTICE.toHours() + " hours of its start,");
    }

    /** SCH-021: only a manager of the calendar may override its capacity. */
    private static void requireManagerToOverride(CalendarTerms calendar, Caller caller, @Nullable String overrideReason) {
        if (overrideReason != null) {
            calendar.require(caller, CalendarRole.MANAGER, "override", "SCH-021", "an override of the calendar's capacity");
        }
    }

    /** What the event records of an override (SCH-025): only one that admitted the item past capacity. */
    private static @Nullable OverbookingOverride recordedOverride(CapacityGuard.Admission admission, @Nullable String reason,
                                                                 Caller caller) {
        return admission.overridden() && reason != null ? new OverbookingOverride(reason, caller.id()) : null;
    }

    private static CommandRejectedException undoRefused(String rule, String message) {
        return new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", rule, message);
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

    /** What a change that spans linked items needs to know of this one, read under its lock. */
    LinkState linkState() {
        return new LinkState(itemId, calendarId, slot, status == ItemStatus.CANCELLED, follows, Set.copyOf(followers), version,
                lastEventTime, lastEventId);
    }

    /**
     * Records one side of a link; {@link ItemMoves} has checked both items and writes the other side in
     * the same unit of work, which {@code linkedChanges} declares with the version it reaches there.
     */
    void link(LinkRole role, ItemId other, CalendarId otherCalendar, long offsetSeconds, List<LinkedChange> linkedChanges) {
        apply(new ItemLinked(itemId, calendarId, slot.start(), slot.end(), role, other, otherCalendar, offsetSeconds, linkedChanges));
    }

    /** Records one side of a link's end; the other side is written in the same unit of work, as for {@link #link}. */
    void unlink(LinkRole role, ItemId other, List<LinkedChange> linkedChanges) {
        apply(new ItemUnlinked(itemId, calendarId, slot.start(), slot.end(), role, other, linkedChanges));
    }

    @EventSourcingHandler
    void on(ItemScheduled scheduled, DomainEventMessage<?> message, @Timestamp Instant at) {
        storeId = StoreIds.item(scheduled.itemId());
        itemId = scheduled.itemId();
        calendarId = scheduled.calendarId();
        title = scheduled.title();
        timezone = scheduled.timezone();
        changed(ChangeKind.SCHEDULED, message, at);
        slot = new TimeRange(scheduled.start(), scheduled.end());
        status = ItemStatus.SCHEDULED;
        remember(message, at);
    }

    /** A move withdraws a confirmation: what was confirmed was the old slot. */
    @EventSourcingHandler
    void on(ItemRescheduled rescheduled, DomainEventMessage<?> message, @Timestamp Instant at) {
        changed(ChangeKind.RESCHEDULED, message, at);
        slot = new TimeRange(rescheduled.start(), rescheduled.end());
        status = ItemStatus.SCHEDULED;
        remember(message, at);
    }

    @EventSourcingHandler
    void on(ItemConfirmed confirmed, DomainEventMessage<?> message, @Timestamp Instant at) {
        changed(ChangeKind.CONFIRMED, message, at);
        status = ItemStatus.CONFIRMED;
        remember(message, at);
    }

    @EventSourcingHandler
    void on(ItemCancelled cancelled, DomainEventMessage<?> message, @Timestamp Instant at) {
        changed(ChangeKind.CANCELLED, message, at);
        status = ItemStatus.CANCELLED;
        remember(message, at);
    }

    @EventSourcingHandler
    void on(ItemRestored restored, DomainEventMessage<?> message, @Timestamp Instant at) {
        changed(ChangeKind.RESTORED, message, at);
        status = ItemStatus.SCHEDULED;
        remember(message, at);
    }

    @EventSourcingHandler
    void on(ItemUnconfirmed unconfirmed, DomainEventMessage<?> message, @Timestamp Instant at) {
        changed(ChangeKind.UNCONFIRMED, message, at);
        status = ItemStatus.SCHEDULED;
        remember(message, at);
    }

    @EventSourcingHandler
    void on(ItemLinked linked, DomainEventMessage<?> message, @Timestamp Instant at) {
        if (linked.role() == LinkRole.FOLLOWER) {
            follows = new Follows(linked.linkedItemId(), linked.offsetSeconds());
        } else {
            followers.add(linked.linkedItemId());
        }
        remember(message, at);
    }

    @EventSourcingHandler
    void on(ItemUnlinked unlinked, DomainEventMessage<?> message, @Timestamp Instant at) {
        if (unlinked.role() == LinkRole.FOLLOWER) {
            follows = null;
        } else {
            followers.remove(unlinked.linkedItemId());
        }
        remember(message, at);
    }

    @EventSourcingHandler
    void on(AttachmentAdded added, DomainEventMessage<?> message, @Timestamp Instant at) {
        attachments.put(added.attachmentId(), Objects.hash(added.name(), added.mediaType(), added.sizeBytes(), added.url(),
                added.storageKey()));
        remember(message, at);
    }

    @EventSourcingHandler
    void on(AttachmentRemoved removed, DomainEventMessage<?> message, @Timestamp Instant at) {
        attachments.remove(removed.attachmentId());
        remember(message, at);
    }

    /** Records the change an undo would compensate; call before the event changes the slot it replaced. */
    private void changed(ChangeKind kind, DomainEventMessage<?> message, Instant at) {
        Object actor = message.getMetaData().get(CommandMetadata.ACTOR);
        boolean undo = message.getMetaData().containsKey(UNDO_OF) || kind == ChangeKind.RESTORED || kind == ChangeKind.UNCONFIRMED;
        lastChange = new LastChange(kind, actor == null ? "system" : actor.toString(), at, message.getIdentifier(), slot, undo);
    }

    private enum ChangeKind { SCHEDULED, RESCHEDULED, CONFIRMED, CANCELLED, RESTORED, UNCONFIRMED }

    /** The last change: what it was, who made it and when, its event, the slot it replaced, and whether it was itself an undo. */
    private record LastChange(ChangeKind kind, String actor, Instant at, String eventId, TimeRange previousSlot, boolean wasUndo) {
    }

    private StatusChanged statusChanged() {
        return new StatusChanged(calendarId, status, slot, version, lastEventTime, lastEventId);
    }

    /** The primary an item follows, and how long after the primary's start it starts (before, when negative). */
    record Follows(ItemId primary, long offsetSeconds) {
    }

    /**
     * An item as a change that spans linked items sees it: where it is, whether it is cancelled, the
     * primary it follows or the followers it leads, and its version with the event that made it.
     */
    record LinkState(ItemId itemId, CalendarId calendarId, TimeRange slot, boolean cancelled, @Nullable Follows follows,
                     Set<ItemId> followers, long version, Instant at, String eventId) {
    }

    /** A follower moves and is cancelled only with its primary (409, rule {@code linked}). */
    private void rejectIfFollowing(@Nullable ItemId alongWith, String change) {
        if (follows != null && alongWith == null) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "linked", "item " + itemId
                    + " follows " + follows.primary() + " and " + change + " only with it; change " + follows.primary()
                    + ", or unlink " + itemId + " from it first");
        }
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
