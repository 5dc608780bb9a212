package dev.almanac.conflicts.intake;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.detection.ResourceProfile;
import dev.almanac.conflicts.lifecycle.Fact;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarDeactivated;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.events.calendar.CalendarUpdated;
import dev.almanac.events.calendar.CalendarEvent;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceEvent;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.schedule.AttachmentAdded;
import dev.almanac.events.schedule.AttachmentRemoved;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemUnconfirmed;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.schedule.ScheduleEvent;
import dev.almanac.events.schedule.ItemReminderRemoved;
import dev.almanac.events.schedule.ItemReminderSet;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * conflict-detector's decision for every event type of the topics it reads: the fact each
 * event brings to conflict detection, about a calendar or about a resource. A fact that can never be applied, such as an interval
 * that ends before it starts, is poison and goes to the dead-letter topic.
 */
@Component
public class FactRouter implements CalendarEvent.Handler<Decision<Fact>>, ScheduleEvent.Handler<Decision<Fact>>,
        OccurrenceEvent.Handler<Decision<Fact>> {

    private final EventDecider<Fact> decider;

    public FactRouter() {
        this.decider = EventDecider.of("conflict-detector", this);
    }

    public EventDecider<Fact> decider() {
        return decider;
    }

    /**
     * @throws PoisonMessageException when the fact is malformed beyond what its schema checks, or has no decision
     */
    public Decision<Fact> decide(ReceivedEvent received) {
        return decider.decide(received);
    }

    @Override
    public Decision<Fact> on(CalendarCreated created, EventMetadata envelope) {
        if (created.capacity() < 1) {
            throw new PoisonMessageException("calendar " + created.calendarId() + " has capacity "
                    + created.capacity() + ", but capacity must be at least 1");
        }
        return Decision.handle(new Fact.CalendarArrived(
                new CalendarProfile(created.calendarId(), created.type(), created.capacity()), created.owner(), envelope.aggregateVersion()));
    }

    /**
     * A changed definition is applied as a calendar arriving anew: its entries are checked against
     * the new capacity, so a raise clears what it resolves and a cut reports what it breaches.
     */
    @Override
    public Decision<Fact> on(CalendarUpdated updated, EventMetadata envelope) {
        return Decision.handle(new Fact.CalendarArrived(
                new CalendarProfile(updated.calendarId(), updated.type(), updated.capacity()), updated.owner(), envelope.aggregateVersion()));
    }

    /** Grants decide who may resolve, escalate and dismiss the calendar's conflicts (ADR 0027). */
    @Override
    public Decision<Fact> on(CalendarAccessGranted granted, EventMetadata envelope) {
        return Decision.handle(new Fact.AccessChanged(granted.calendarId(), granted.userId(), granted.role(), envelope.aggregateVersion()));
    }

    @Override
    public Decision<Fact> on(CalendarAccessRevoked revoked, EventMetadata envelope) {
        return Decision.handle(new Fact.AccessChanged(revoked.calendarId(), revoked.userId(), null, envelope.aggregateVersion()));
    }

    @Override
    public Decision<Fact> on(CalendarDeactivated deactivated, EventMetadata envelope) {
        return Decision.ignore("a deactivated calendar keeps its entries, and with them its conflicts");
    }

    @Override
    public Decision<Fact> on(CalendarDeleted deleted, EventMetadata envelope) {
        return Decision.ignore("only an empty calendar is deleted (ADR 0084): each of its items left it with its own ItemCancelled "
                + "or ItemDeleted, which cleared its conflicts");
    }

    @Override
    public Decision<Fact> on(ResourceCreated created, EventMetadata envelope) {
        return Decision.handle(new Fact.ResourceArrived(new ResourceProfile(created.resourceId(), created.type()),
                envelope.aggregateVersion()));
    }

    @Override
    public Decision<Fact> on(ResourceMarkedUnavailable unavailable, EventMetadata envelope) {
        TimeRange range = interval(unavailable.start(), unavailable.end(), "the unavailable range of resource " + unavailable.resourceId());
        return Decision.handle(new Fact.ResourceUnavailable(unavailable.resourceId(),
                new UnavailableRange(range.start(), range.end(), unavailable.reason()), envelope.aggregateVersion()));
    }

    /** The whole range marked available is released, which also releases every part {@code released} lists. */
    @Override
    public Decision<Fact> on(ResourceMarkedAvailable available, EventMetadata envelope) {
        TimeRange range = interval(available.start(), available.end(), "the available range of resource " + available.resourceId());
        return Decision.handle(new Fact.ResourceAvailable(available.resourceId(), range, envelope.aggregateVersion()));
    }

    /** An undone cancellation places the item again, where it was, booking the resources it booked before. */
    @Override
    public Decision<Fact> on(ItemRestored restored, EventMetadata envelope) {
        Entry entry = new Entry(EntryKey.item(restored.itemId().value()), restored.title(),
                interval(restored.start(), restored.end(), "item " + restored.itemId()));
        return Decision.handle(new Fact.EntryPlaced(restored.calendarId(), entry, null, envelope.aggregateVersion()));
    }

    @Override
    public Decision<Fact> on(ItemUnconfirmed unconfirmed, EventMetadata envelope) {
        return Decision.ignore("a withdrawn confirmation moves nothing: conflicts depend only on where entries are");
    }

    @Override
    public Decision<Fact> on(ItemScheduled scheduled, EventMetadata envelope) {
        Entry entry = new Entry(EntryKey.item(scheduled.itemId().value()), scheduled.title(),
                interval(scheduled.start(), scheduled.end(), "item " + scheduled.itemId()));
        return Decision.handle(new Fact.EntryPlaced(scheduled.calendarId(), entry, scheduled.resources(), envelope.aggregateVersion()));
    }

    @Override
    public Decision<Fact> on(ItemRescheduled rescheduled, EventMetadata envelope) {
        String what = "item " + rescheduled.itemId();
        TimeRange from = interval(rescheduled.previousStart(), rescheduled.previousEnd(), what + " (previous)");
        TimeRange to = interval(rescheduled.start(), rescheduled.end(), what);
        return Decision.handle(new Fact.EntryMoved(rescheduled.calendarId(), EntryKey.item(rescheduled.itemId().value()),
                from, to, envelope.aggregateVersion(), rescheduled.linkedChanges()));
    }

    @Override
    public Decision<Fact> on(ItemConfirmed confirmed, EventMetadata envelope) {
        return Decision.ignore("a confirmation moves nothing: conflicts depend only on where entries are");
    }

    @Override
    public Decision<Fact> on(ItemCancelled cancelled, EventMetadata envelope) {
        TimeRange left = interval(cancelled.start(), cancelled.end(), "item " + cancelled.itemId());
        return Decision.handle(new Fact.EntryWithdrawn(cancelled.calendarId(), EntryKey.item(cancelled.itemId().value()),
                left, envelope.aggregateVersion(), cancelled.linkedChanges()));
    }

    /**
     * A link moves nothing by itself (a follower that moves or is cancelled with its primary gets its own
     * ItemRescheduled or ItemCancelled, which place it), but each side tells the pair, on the partition
     * of the primary's id, that it is linked, so that an orphaned link can be seen (ADR 0061).
     */
    @Override
    public Decision<Fact> on(ItemLinked linked, EventMetadata envelope) {
        TimeRange at = interval(linked.start(), linked.end(), "item " + linked.itemId());
        return Decision.handle(new Fact.LinkChanged(linked.calendarId(), linked.itemId(), linked.role(), linked.linkedItemId(),
                linked.linkedCalendarId(), true, linked.offsetSeconds(), at, envelope.aggregateVersion(), linked.linkedChanges()));
    }

    /** Ending a link moves nothing; each side tells the pair that it is no longer linked. */
    @Override
    public Decision<Fact> on(ItemUnlinked unlinked, EventMetadata envelope) {
        TimeRange at = interval(unlinked.start(), unlinked.end(), "item " + unlinked.itemId());
        return Decision.handle(new Fact.LinkChanged(unlinked.calendarId(), unlinked.itemId(), unlinked.role(), unlinked.linkedItemId(),
                null, false, null, at, envelope.aggregateVersion(), unlinked.linkedChanges()));
    }

    @Override
    public Decision<Fact> on(AttachmentAdded added, EventMetadata envelope) {
        return Decision.ignore("an attachment moves nothing: conflicts depend only on where entries are");
    }

    @Override
    public Decision<Fact> on(AttachmentRemoved removed, EventMetadata envelope) {
        return Decision.ignore("an attachment moves nothing: conflicts depend only on where entries are");
    }

    @Override
    public Decision<Fact> on(ItemReminderSet set, EventMetadata envelope) {
        return Decision.ignore("a reminder moves nothing: conflicts depend only on where entries are");
    }

    @Override
    public Decision<Fact> on(ItemReminderRemoved removed, EventMetadata envelope) {
        return Decision.ignore("a reminder moves nothing: conflicts depend only on where entries are");
    }

    @Override
    public Decision<Fact> on(ItemUpdated updated, EventMetadata envelope) {
        return Decision.ignore("a PUT changes an item's title, type, priority, tags or status, never where it is: conflicts depend "
                + "only on where entries are (a tentative or rescheduling item keeps its place)");
    }

    /** A deleted item leaves its calendar as a cancelled one does, and its conflicts clear, saying it was deleted (ADR 0084). */
    @Override
    public Decision<Fact> on(ItemDeleted deleted, EventMetadata envelope) {
        TimeRange left = interval(deleted.start(), deleted.end(), "item " + deleted.itemId());
        return Decision.handle(new Fact.EntryWithdrawn(deleted.calendarId(), EntryKey.item(deleted.itemId().value()),
                left, envelope.aggregateVersion(), List.of(), true));
    }

    /**
     * An occurrence books its rule's resources as an item books its own (ADR 0029); one materialised
     * again at a newer rule version books what it now says, so a resource its rule stopped booking is released.
     */
    @Override
    public Decision<Fact> on(OccurrenceMaterialized occurrence, EventMetadata envelope) {
        Entry entry = Entry.occurrence(occurrence.occurrenceId().value(), occurrence.ruleId().value(), occurrence.title(),
                interval(occurrence.start(), occurrence.end(), "occurrence " + occurrence.occurrenceId()));
        return Decision.handle(new Fact.EntryPlaced(occurrence.calendarId(), entry, occurrence.resources(), envelope.aggregateVersion()));
    }

    /**
     * A retracted occurrence leaves its calendar as a cancelled item does. Its withdrawal is a
     * version guard at the retracting rule version, so only a materialisation at a newer rule
     * version (after a resume) puts it back.
     */
    @Override
    public Decision<Fact> on(OccurrenceRetracted retracted, EventMetadata envelope) {
        TimeRange left = interval(retracted.start(), retracted.end(), "occurrence " + retracted.occurrenceId());
        return Decision.handle(new Fact.EntryWithdrawn(retracted.calendarId(), EntryKey.occurrence(retracted.occurrenceId().value()),
                left, envelope.aggregateVersion()));
    }

    @Override
    public Decision<Fact> on(OccurrenceMissed missed, EventMetadata envelope) {
        return Decision.ignore("a missed occurrence keeps the interval it was materialised with: conflicts depend only on where "
                + "entries are, and a backfill or reschedule arrives as an occurrence of its own");
    }

    /**
     * Kept to the millisecond, the precision the stores keep, so that what is stored is what was
     * checked; an instant beyond what milliseconds since the epoch can hold is poison.
     */
    private static TimeRange interval(Instant start, Instant end, String what) {
        Instant from = start.truncatedTo(ChronoUnit.MILLIS);
        Instant to = end.truncatedTo(ChronoUnit.MILLIS);
        if (!from.isBefore(to)) {
            throw new PoisonMessageException(what + " ends at " + end + ", which is not after its start " + start);
        }
        try {
            from.toEpochMilli();
            to.toEpochMilli();
        } catch (ArithmeticException | DateTimeException e) {
            throw new PoisonMessageException(what + " spans " + start + " to " + end
                    + ", beyond the instants conflict detection can store", e);
        }
        return new TimeRange(from, to);
    }

}
