package dev.almanac.commands.calendar;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import java.util.List;
import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarDeactivated;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarUpdated;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.platform.identity.Caller;

@Aggregate
public class Calendar {

    static final int MAX_CAPACITY = 10_000;

    @AggregateIdentifier
    private String storeId;
    private CalendarId calendarId;
    private CalendarDefinition definition;
    private CalendarAccess access;
    private boolean active;
    private boolean deleted;
    private long version;

    protected Calendar() {
        // For Axon, which rebuilds the calendar from its events.
    }

    /**
     * Creates the calendar. Denied by default (ADR 0086), a calendar without grants would be hidden from the user who
     * created it, unless they are its staff owner: they are granted its manager role in the same commit.
     */
    @CommandHandler
    public Calendar(CreateCalendar command, Caller caller) {
        rejectIfCapacityOutOfRange(command.definition());
        CalendarCreated created = command.toEvent();
        apply(created);
        if (grantsItsCreator(created, caller)) {
            apply(new CalendarAccessGranted(created.calendarId(), caller.id(), CalendarRole.MANAGER, "creator"));
        }
    }

    /** The calendar's version once {@code caller} has created it: 1 when its creator was granted the manager role, else 0. */
    static long versionCreatedBy(CreateCalendar command, Caller caller) {
        return grantsItsCreator(command.toEvent(), caller) ? 1 : 0;
    }

    private static boolean grantsItsCreator(CalendarCreated created, Caller caller) {
        return caller.ungranted() == UngrantedCalendars.CLOSED && !caller.admin()
                && !CalendarAccess.OPEN.withOwner(created.owner()).ownedBy(caller.id());
    }

    /**
     * Replaces the definition; a definition equal to the current one changes nothing. Less room,
     * or a switch to blocking, is checked against the items booked from now on ({@link TermsGuard}).
     *
     * @return the calendar's version after the command
     */
    @CommandHandler
    public long handle(UpdateCalendar command, TermsGuard guard, Caller caller) {
        rejectIfDeleted();
        terms().require(caller, CalendarRole.MANAGER, "id", "role", "changing the calendar");
        rejectIfInactive("update");
        rejectIfCapacityOutOfRange(command.definition());
        if (command.definition().equals(definition)) {
            return version;
        }
        guard.admit(calendarId, command.definition());
        apply(command.definition().updated(calendarId));
        return version;
    }

    /**
     * Stops the calendar taking new items and rules; deactivating a deactivated calendar changes
     * nothing. The guard's lock makes a booking that read the calendar as active before this
     * commits see it deactivated when it takes the lock.
     *
     * @return the calendar's version after the command
     */
    @CommandHandler
    public long handle(DeactivateCalendar command, TermsGuard guard, Caller caller) {
        rejectIfDeleted();
        terms().require(caller, CalendarRole.MANAGER, "id", "role", "deactivating the calendar");
        if (active) {
            guard.admit(calendarId, definition);
            apply(new CalendarDeactivated(calendarId, command.reason()));
        }
        return version;
    }

    /**
     * Gives a user a role on the calendar; only a manager may (ADR 0027). Granting the role a user
     * already has changes nothing. Grants are not terms of capacity, so they take no lock: a booking
     * checked against the grants an instant before a revocation commits is as if it had come first.
     * A deactivated calendar's grants can still change, since its items can still be moved.
     *
     * @return the calendar's version after the command
     */
    @CommandHandler
    public long handle(GrantCalendarAccess command, Caller caller) {
        rejectIfDeleted();
        terms().require(caller, CalendarRole.MANAGER, "id", "role", "granting access");
        if (command.role() != access.grants().get(command.userId())) {
            apply(new CalendarAccessGranted(calendarId, command.userId(), command.role(), command.reason()));
        }
        return version;
    }

    /**
     * Withdraws a user's grant; only a manager may. Revoking a user without a grant changes nothing.
     *
     * @return the calendar's version after the command
     */
    @CommandHandler
    public long handle(RevokeCalendarAccess command, Caller caller) {
        rejectIfDeleted();
        terms().require(caller, CalendarRole.MANAGER, "id", "role", "revoking access");
        if (access.grants().containsKey(command.userId())) {
            apply(new CalendarAccessRevoked(calendarId, command.userId(), null));
        }
        return version;
    }

    /**
     * Deletes the calendar (seed 003's DELETE, ADR 0084): its tombstone {@link CalendarDeleted} ends its stream. Only an
     * empty calendar is deleted: one on which an item still holds a place is refused (409, rule {@code not_empty}, naming
     * some of them); cancel or delete them first. The check holds the calendar's lock, so no booking commits beside it.
     * Only a manager of the calendar may delete it.
     *
     * @return the calendar's version after the command
     */
    @CommandHandler
    public long handle(DeleteCalendar command, CalendarContents contents, Caller caller) {
        rejectIfDeleted();
        terms().require(caller, CalendarRole.MANAGER, "id", "role", "deleting the calendar");
        List<String> held = contents.holdAndListItems(calendarId, 11);
        if (!held.isEmpty()) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "not_empty", "calendar " + calendarId
                    + " still holds " + (held.size() > 10 ? "more than 10 items, among them " + String.join(", ", held.subList(0, 10))
                    : held.size() + " item(s): " + String.join(", ", held)) + "; cancel or delete its items before deleting it");
        }
        apply(new CalendarDeleted(calendarId, command.reason()));
        return version;
    }

    @EventSourcingHandler
    void on(CalendarCreated created, DomainEventMessage<?> message) {
        storeId = StoreIds.calendar(created.calendarId());
        calendarId = created.calendarId();
        definition = CalendarDefinition.of(created);
        access = CalendarAccess.OPEN.withOwner(created.owner());
        active = true;
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(CalendarUpdated updated, DomainEventMessage<?> message) {
        definition = CalendarDefinition.of(updated);
        access = access.withOwner(updated.owner());
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(CalendarAccessGranted granted, DomainEventMessage<?> message) {
        access = access.granted(granted.userId(), granted.role());
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(CalendarAccessRevoked revoked, DomainEventMessage<?> message) {
        access = access.revoked(revoked.userId());
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(CalendarDeactivated deactivated, DomainEventMessage<?> message) {
        active = false;
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(CalendarDeleted deleted, DomainEventMessage<?> message) {
        active = false;
        this.deleted = true;
        version = message.getSequenceNumber();
    }

    /**
     * A calendar rebuilt from its stored events without Axon's repository, and so without the
     * calendar's aggregate lock, which a command changing the calendar holds (ADR 0020); empty when
     * there are no events.
     */
    static Optional<Calendar> replay(DomainEventStream events) {
        if (!events.hasNext()) {
            return Optional.empty();
        }
        Calendar calendar = new Calendar();
        events.forEachRemaining(calendar::replay);
        return Optional.of(calendar);
    }

    private void replay(DomainEventMessage<?> message) {
        Object event = message.getPayload();
        if (event instanceof CalendarCreated created) {
            on(created, message);
        } else if (event instanceof CalendarUpdated updated) {
            on(updated, message);
        } else if (event instanceof CalendarDeactivated deactivated) {
            on(deactivated, message);
        } else if (event instanceof CalendarDeleted deletion) {
            on(deletion, message);
        } else if (event instanceof CalendarAccessGranted granted) {
            on(granted, message);
        } else if (event instanceof CalendarAccessRevoked revoked) {
            on(revoked, message);
        } else {
            throw new IllegalStateException("calendar " + message.getAggregateIdentifier() + " holds an event it cannot replay: "
                    + message.getPayloadType().getName());
        }
    }

    public CalendarTerms terms() {
        return new CalendarTerms(calendarId, definition.timezone(), definition.capacity(), definition.overbookingPolicy(),
                definition.itemDurations(), active, version, access, deleted);
    }

    public CalendarId calendarId() {
        return calendarId;
    }

    /**
     * Before any command learns anything of the calendar, a caller with no role on it gets the answer of a calendar that does
     * not exist (ADR 0086), not that it is deleted or deactivated. A command without an actor is a test's; a calendar being
     * created has no access yet.
     */
    @CommandHandlerInterceptor
    public Object refuseWhomItIsHiddenFrom(CommandMessage<?> command, InterceptorChain chain, Caller caller) throws Exception {
        if (calendarId != null && command.getMetaData().containsKey(CommandMetadata.ACTOR)) {
            terms().requireSeenBy(caller, "id");
        }
        return chain.proceed();
    }

    /** A deleted calendar takes no command (404, rule {@code deleted}, ADR 0084). */
    private void rejectIfDeleted() {
        if (deleted) {
            throw new CommandRejectedException(CommandRejectedException.Reason.NOT_FOUND, "id", "deleted",
                    "calendar " + calendarId + " was deleted and takes no further change");
        }
    }

    private void rejectIfInactive(String change) {
        if (!active) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "inactive",
                    "calendar " + calendarId + " is deactivated and cannot " + change);
        }
    }

    private static void rejectIfCapacityOutOfRange(CalendarDefinition definition) {
        if (definition.capacity() < 1 || definition.capacity() > MAX_CAPACITY) {
            throw CommandRejectedException.invalid("capacity", "range",
                    "capacity must be between 1 and " + MAX_CAPACITY + " but was " + definition.capacity());
        }
    }
}
