package dev.almanac.commands.item;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.resource.KnownResources;
import dev.almanac.events.UserId;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemFields;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ScheduleStatus;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemUnconfirmed;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.problem.Violation;

/**
 * A one-off item on a calendar: where it is, and whether it is confirmed or cancelled. It may
 * depend on other items (named when it is scheduled). Three members of the aggregate keep the
 * rest, in the item's own event stream: {@link ItemLinks} the primary it follows or the followers
 * it leads, {@link ItemAttachments} the files attached to it, and {@link ItemUndo} its last change
 * and the undo of it (ADR 0052).
 */
@Aggregate(cache = "itemCache")
public class Item {

    @AggregateIdentifier
    private String storeId;
    private ItemId itemId;
    private CalendarId calendarId;
    /** The calendar's terms as the visibility check read them for the command being handled; null between commands. */
    private transient @Nullable CalendarTerms termsRead;
    private TimeRange slot;
    private ZoneId timezone;
    /** Who scheduled it and so may change it (ADR 0090); null for an item scheduled before owners were recorded. */
    private @Nullable UserId owner;
    private ItemStatus status;
    private boolean deleted;
    private String title;
    private String type;
    private Priority priority;
    private List<String> tags;
    /** A busy block to all but its owner, its calendar's managers and the admins (ADR 0096). */
    private boolean privateItem;
    private long version;
    private String lastEventId;
    private Instant lastEventTime;
    @AggregateMember
    private final ItemLinks links = new ItemLinks(this);
    @AggregateMember
    private final ItemAttachments attachments = new ItemAttachments(this);
    @AggregateMember
    private final ItemUndo undo = new ItemUndo(this);
    @AggregateMember
    private final ItemReminderList reminders = new ItemReminderList(this);

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
        ItemRoles.requireManagerToOverride(calendar, caller, command.overrideReason());
        ScheduleRules.require(command.start(), command.end(), calendar.itemDurations(), clock.instant(), "start", "end");
        resources.requireKnown("resources", command.resources());
        calendar.requireActive("calendar_id");
        knownItems.requireKnown("dependencies", command.dependencies(), caller::mayKnow);
        CapacityGuard.Admission admission = capacity.admit(calendar, command.itemId(), new TimeRange(command.start(), command.end()),
                command.overrideReason() != null);
        apply(command.toEvent(ItemRoles.recordedOverride(admission, command.overrideReason(), caller), caller.id()));
        return new Scheduled(admission.warnings());
    }

    /**
     * Moves the item. It needs its owner with the scheduler role on its calendar or a manager there (ADR 0090), and the
     * manager role when the item starts, or would start, within 2 hours (SCH-005); an override needs the manager role too
     * (SCH-021).
     */
    @CommandHandler
    public Rescheduled handle(RescheduleItem command, Caller caller, Calendars calendars, CapacityGuard capacity, Clock clock) {
        rejectIfCancelled("reschedule");
        links.rejectIfFollowing(command.alongWith(), "moves");
        if (!slot.start().isAfter(clock.instant())) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "started",
                    "item " + itemId + " started at " + slot.start() + " and can no longer be moved");
        }
        Instant newEnd = command.newTime().plus(slot.duration());
        ScheduleRules.requireStart(command.newTime(), clock.instant(), "new_time");
        CalendarTerms calendar = heldTermsOf(calendars);
        ItemRoles.requireToChange(calendar, caller, itemId, owner, slot.start(), clock);
        ItemRoles.requireManagerNearStart(calendar, caller, itemId, command.newTime(), "new_time", clock);
        ItemRoles.requireManagerToOverride(calendar, caller, command.overrideReason());
        Instant previousStart = slot.start();
        List<Violation> warnings = List.of();
        if (!previousStart.equals(command.newTime())) {
            CapacityGuard.Admission admission = capacity.admit(calendar, itemId, new TimeRange(command.newTime(), newEnd),
                    command.overrideReason() != null);
            warnings = admission.warnings();
            apply(new ItemRescheduled(itemId, calendarId, slot.start(), slot.end(), command.newTime(), newEnd, command.reason(),
                    ItemRoles.recordedOverride(admission, command.overrideReason(), caller), command.alongWith(),
                    command.linkedChanges(), command.notifyParticipants()));
        }
        return new Rescheduled(previousStart, slot.start(), timezone, version, lastEventTime, lastEventId, warnings);
    }

    /** Confirms the item where it is, by its owner or a manager (ADR 0090); confirming a confirmed item changes nothing. */
    @CommandHandler
    public StatusChanged handle(ConfirmItem command, Caller caller, Calendars calendars) {
        rejectIfCancelled("confirm");
        requireChangeableBy(caller, calendars, "id");
        if (status != ItemStatus.CONFIRMED) {
            apply(new ItemConfirmed(itemId, calendarId, slot.start(), slot.end()));
        }
        return statusChanged();
    }

    /**
     * Takes the item off its calendar; its booking is released in the same transaction ({@link BookingLedger}).
     * It needs its owner (a scheduler) or a manager (ADR 0090), and the manager role from 2 hours before the item's start on
     * (SCH-005).
     * A follower is cancelled only with its primary ({@link ItemLinks#rejectIfCancelledAlone}).
     */
    @CommandHandler
    public StatusChanged handle(CancelItem command, Caller caller, Calendars calendars, Clock clock) {
        rejectIfCancelled("cancel");
        links.rejectIfCancelledAlone(command);
        CalendarTerms calendar = termsOf(calendars);
        ItemRoles.requireToChange(calendar, caller, itemId, owner, slot.start(), clock);
        apply(new ItemCancelled(itemId, calendarId, slot.start(), slot.end(), command.reason(), command.alongWith(),
                command.linkedChanges()));
        return statusChanged();
    }

    /**
     * Changes what a person may change of the item (seed 003's PUT): its title, type, priority, tags and status, each
     * only when given; a request that changes nothing applies nothing. Where it stands is changed by a reschedule, never
     * here. The status moves only along seed 003's transitions ({@link ScheduleTransitions}); confirmed and cancelled are
     * reached by their own commands. Needs its owner (a scheduler) or a manager (ADR 0090), and the manager role from 2 hours
     * before its start on (SCH-005), as every change of it.
     */
    @CommandHandler
    public FieldsChanged handle(UpdateItem command, Caller caller, Calendars calendars, Clock clock) {
        rejectIfCancelled("change");
        CalendarTerms calendar = termsOf(calendars);
        ItemRoles.requireToChange(calendar, caller, itemId, owner, slot.start(), clock);
        ItemFields before = fields();
        ScheduleStatus nextStatus = command.status() == null ? before.status() : command.status();
        if (nextStatus != before.status()) {
            ScheduleTransitions.require(before.status(), nextStatus, itemId);
        }
        ItemFields after = new ItemFields(command.title() == null ? title : command.title(),
                command.type() == null ? type : command.type(), command.priority() == null ? priority : command.priority(),
                command.tags() == null ? tags : command.tags(), nextStatus,
                command.privateItem() == null ? privateItem : command.privateItem());
        if (!after.equals(before)) {
            apply(new ItemUpdated(itemId, calendarId, slot.start(), slot.end(), before, after));
        }
        return new FieldsChanged(calendarId, after, slot, version, lastEventTime, lastEventId);
    }

    /**
     * Deletes the item (seed 003's DELETE, ADR 0084): its tombstone {@link ItemDeleted} frees its place (the booking goes
     * in the same transaction, {@link BookingLedger}), and it takes no command after. A cancelled item may be deleted
     * too. An item linked with another (LNK-PAIR) is refused (409, rule {@code linked}): unlink it first; so is one other
     * items depend on (409, rule {@code depended_on}). Needs its owner or a manager (ADR 0090), and the manager role from 2 hours before
     * its start on (SCH-005).
     */
    @CommandHandler
    public FieldsChanged handle(DeleteItem command, Caller caller, Calendars calendars, ItemGraph graph, Clock clock) {
        rejectIfDeleted();
        CalendarTerms calendar = termsOf(calendars);
        if (status != ItemStatus.CANCELLED) {
            ItemRoles.requireToChange(calendar, caller, itemId, owner, slot.start(), clock);
        } else {
            ItemRoles.requireOwnerOrManager(calendar, caller, itemId, owner, "id");
        }
        if (links.primary() != null || !links.followers().isEmpty()) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "linked", "item " + itemId
                    + (links.primary() != null ? " follows " + links.primary() : " leads " + links.followers().size() + " followers")
                    + "; unlink it before deleting it");
        }
        List<ItemId> dependents = graph.dependentsOf(itemId);
        if (!dependents.isEmpty()) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "depended_on", "items "
                    + dependents + " depend on item " + itemId + "; delete or cancel them first, so that no dependency names a "
                    + "deleted item");
        }
        apply(new ItemDeleted(itemId, calendarId, slot.start(), slot.end(), command.reason()));
        return new FieldsChanged(calendarId, fields(), slot, version, lastEventTime, lastEventId);
    }

    /**
     * Before any command learns anything of the item, a caller with no role on its calendar gets the answer of an item that
     * does not exist (ADR 0086), not that it is deleted or cancelled; then a deleted item takes no command at all, whichever
     * part of it would handle it (404, ADR 0084). A command without an actor is a test's, acting as the system; an item
     * that is being scheduled has no calendar yet, and its creation checks the role itself.
     */
    @CommandHandlerInterceptor
    public Object refuseWhomItIsHiddenFromThenOnceDeleted(CommandMessage<?> command, InterceptorChain chain, Caller caller,
                                                          Calendars calendars) throws Exception {
        try {
            if (calendarId != null && command.getMetaData().containsKey(CommandMetadata.ACTOR)) {
                termsRead = calendars.find(calendarId).orElseThrow(this::calendarWithoutEvents);
                termsRead.requireSeenBy(caller, "id");
            }
            rejectIfDeleted();
            return chain.proceed();
        } finally {
            // The item outlives the command in the aggregate cache: the next command reads the terms again.
            termsRead = null;
        }
    }

    @EventSourcingHandler
    void on(ItemScheduled scheduled, DomainEventMessage<?> message, @Timestamp Instant at) {
        storeId = StoreIds.item(scheduled.itemId());
        itemId = scheduled.itemId();
        calendarId = scheduled.calendarId();
        title = scheduled.title();
        timezone = scheduled.timezone();
        slot = new TimeRange(scheduled.start(), scheduled.end());
        type = scheduled.type();
        priority = scheduled.priority();
        tags = scheduled.tags();
        owner = scheduled.owner();
        privateItem = scheduled.keptPrivate();
        status = scheduled.startsTentative() ? ItemStatus.TENTATIVE : ItemStatus.SCHEDULED;
        remember(message, at);
    }

    /**
     * A move withdraws a confirmation (what was confirmed was the old slot) and ends a renegotiation (rescheduling); a
     * tentative item stays tentative where it lands.
     */
    @EventSourcingHandler
    void on(ItemRescheduled rescheduled, DomainEventMessage<?> message, @Timestamp Instant at) {
        slot = new TimeRange(rescheduled.start(), rescheduled.end());
        status = status == ItemStatus.TENTATIVE ? ItemStatus.TENTATIVE : ItemStatus.SCHEDULED;
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

    /** Both compensate a change of status (ItemUndo): the item is scheduled again, unconfirmed. */
    @EventSourcingHandler
    void on(ItemRestored restored, DomainEventMessage<?> message, @Timestamp Instant at) {
        status = ItemStatus.SCHEDULED;
        remember(message, at);
    }

    @EventSourcingHandler
    void on(ItemUnconfirmed unconfirmed, DomainEventMessage<?> message, @Timestamp Instant at) {
        status = ItemStatus.SCHEDULED;
        remember(message, at);
    }

    @EventSourcingHandler
    void on(ItemUpdated updated, DomainEventMessage<?> message, @Timestamp Instant at) {
        title = updated.current().title();
        type = updated.current().type();
        priority = updated.current().priority();
        tags = updated.current().tags();
        status = ItemStatus.of(updated.current().status());
        privateItem = updated.current().keptPrivate();
        remember(message, at);
    }

    @EventSourcingHandler
    void on(ItemDeleted deleted, DomainEventMessage<?> message, @Timestamp Instant at) {
        this.deleted = true;
        remember(message, at);
    }

    /** Every other event of the item's stream, which its members apply to themselves, moves its version too. */
    @EventSourcingHandler
    void on(Object event, DomainEventMessage<?> message, @Timestamp Instant at) {
        remember(message, at);
    }

    /** What a change that spans linked items needs to know of this one, read under its lock. */
    LinkState linkState() {
        return new LinkState(itemId, calendarId, slot, status == ItemStatus.CANCELLED || deleted, links.primary(), links.followers(), version,
                lastEventTime, lastEventId);
    }

    /**
     * Refuses a caller who may not change the item: anyone but its owner without a manager's override (ADR 0090,
     * {@link ItemRoles#requireOwnerOrManager}); for a change that SCH-005 does not apply to (confirming, attaching, linking).
     */
    void requireChangeableBy(Caller caller, Calendars calendars, String field) {
        ItemRoles.requireOwnerOrManager(termsOf(calendars), caller, itemId, owner, field);
    }

    /**
     * The terms of the item's calendar, which outlives its items: those the visibility check read for the command being
     * handled, else read now ({@link #heldTermsOf} reads them again under the calendar's lock).
     */
    CalendarTerms termsOf(Calendars calendars) {
        return termsRead != null ? termsRead : calendars.find(calendarId).orElseThrow(this::calendarWithoutEvents);
    }

    /** As {@link #termsOf}, after taking the calendar's lock for the rest of the command. */
    CalendarTerms heldTermsOf(Calendars calendars) {
        return calendars.holdAndFind(calendarId).orElseThrow(this::calendarWithoutEvents);
    }

    /** A cancelled item keeps its history but takes no further change (409, rule {@code cancelled}); a deleted one is 404. */
    void rejectIfCancelled(String change) {
        rejectIfDeleted();
        if (status == ItemStatus.CANCELLED) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "cancelled",
                    "item " + itemId + " is cancelled and cannot " + change + "; schedule a new item instead");
        }
    }

    /** A deleted item is gone for every command: 404, rule {@code deleted} (ADR 0084). */
    void rejectIfDeleted() {
        if (deleted) {
            throw new CommandRejectedException(CommandRejectedException.Reason.NOT_FOUND, "id", "deleted",
                    "item " + itemId + " was deleted and takes no further change");
        }
    }

    boolean isCancelled() {
        return status == ItemStatus.CANCELLED;
    }

    /** The fields a PUT may change, as they stand. */
    ItemFields fields() {
        return new ItemFields(title, type, priority, tags, status.wire(), privateItem);
    }

    StatusChanged statusChanged() {
        return new StatusChanged(calendarId, status, slot, version, lastEventTime, lastEventId);
    }

    ItemId itemId() {
        return itemId;
    }

    CalendarId calendarId() {
        return calendarId;
    }

    TimeRange slot() {
        return slot;
    }

    String title() {
        return title;
    }

    ZoneId timezone() {
        return timezone;
    }

    @Nullable UserId owner() {
        return owner;
    }

    ItemLinks links() {
        return links;
    }

    private IllegalStateException calendarWithoutEvents() {
        return new IllegalStateException("item " + itemId + " is on calendar " + calendarId + ", which has no events");
    }

    private void remember(DomainEventMessage<?> message, Instant at) {
        version = message.getSequenceNumber();
        lastEventId = message.getIdentifier();
        lastEventTime = at;
    }
}
