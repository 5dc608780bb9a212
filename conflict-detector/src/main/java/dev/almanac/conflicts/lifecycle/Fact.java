package dev.almanac.conflicts.lifecycle;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.detection.ResourceProfile;
import dev.almanac.events.TimeRange;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkRole;
import dev.almanac.events.schedule.LinkedChange;
import dev.almanac.events.schedule.ResourceBooking;

/**
 * A consumed fact, reduced to what conflict detection needs: the unit of work the intake's
 * decisions carry. It does nothing until it is applied to a partition's trackers.
 */
public sealed interface Fact {

    /** The aggregate version of the fact's subject; a fact not newer than what is stored changes nothing. */
    long version();

    /** @return the conflict events the fact causes, already recorded in the trackers' stores */
    List<ConflictChange> applyTo(Trackers trackers);

    /** A calendar was created or its definition changed: its capacity and type, and its owner. */
    record CalendarArrived(CalendarProfile calendar, @Nullable CalendarOwner owner, long version) implements Fact {

        /** A calendar without an owner. */
        public CalendarArrived(CalendarProfile calendar, long version) {
            this(calendar, null, version);
        }

        @Override
        public List<ConflictChange> applyTo(Trackers trackers) {
            return trackers.calendars().calendarCreated(calendar, owner, version);
        }
    }

    /**
     * A user was granted a role on a calendar, or ({@code role} absent) lost it: who may resolve,
     * escalate and dismiss its conflicts (ADR 0027). Detection does not change.
     */
    record AccessChanged(CalendarId calendarId, UserId user, @Nullable CalendarRole role, long version) implements Fact {

        @Override
        public List<ConflictChange> applyTo(Trackers trackers) {
            return trackers.calendars().accessChanged(calendarId, user, role, version);
        }
    }

    /**
     * An item or occurrence takes a place on a calendar, for the first time or again.
     *
     * @param resources the resources it books; null when the fact does not say (an undone cancellation), and then
     *                  it books what it booked before
     */
    record EntryPlaced(CalendarId calendarId, Entry entry, @Nullable List<ResourceBooking> resources, long version) implements Fact {

        /** An entry that books no resource. */
        public EntryPlaced(CalendarId calendarId, Entry entry, long version) {
            this(calendarId, entry, List.of(), version);
        }

        @Override
        public List<ConflictChange> applyTo(Trackers trackers) {
            return trackers.calendars().entryPlaced(calendarId, entry, resources, version);
        }
    }

    /**
     * An item moved from one interval to another.
     *
     * @param linkedChanges the event's: the linked items its transaction moved too; null when it does not say
     */
    record EntryMoved(CalendarId calendarId, EntryKey key, TimeRange from, TimeRange to, long version,
                      @Nullable List<LinkedChange> linkedChanges) implements Fact {

        @Override
        public List<ConflictChange> applyTo(Trackers trackers) {
            return trackers.calendars().entryMoved(calendarId, key, from, to, version, linkedChanges);
        }
    }

    /**
     * An entry left its calendar: a cancelled or deleted item, or a retracted occurrence (its rule was paused or
     * deleted); {@code left} is the interval it held. {@code linkedChanges} is the cancellation's: the linked
     * items its transaction cancelled too; null when it does not say. {@code deleted}: the item was deleted (ADR 0084),
     * which the clearances say rather than "was cancelled".
     */
    record EntryWithdrawn(CalendarId calendarId, EntryKey key, TimeRange left, long version,
                          @Nullable List<LinkedChange> linkedChanges, boolean deleted) implements Fact {

        /** A cancellation or a retraction. */
        public EntryWithdrawn(CalendarId calendarId, EntryKey key, TimeRange left, long version,
                              @Nullable List<LinkedChange> linkedChanges) {
            this(calendarId, key, left, version, linkedChanges, false);
        }

        /** A withdrawal whose event does not say what else its transaction changed: an occurrence's, say. */
        public EntryWithdrawn(CalendarId calendarId, EntryKey key, TimeRange left, long version) {
            this(calendarId, key, left, version, null);
        }

        @Override
        public List<ConflictChange> applyTo(Trackers trackers) {
            return trackers.calendars().entryWithdrawn(calendarId, key, left, version, linkedChanges, deleted);
        }
    }

    /**
     * One side of a link between two items was written ({@code ItemLinked}) or ended ({@code ItemUnlinked}):
     * nothing moves, and the pair hears the item's side (ADR 0061).
     *
     * @param otherCalendarId the other item's calendar, null when the event does not name it
     * @param offsetSeconds   the link's offset, null when the event does not name it
     * @param at              where the item stands, as the event says
     * @param linkedChanges   the event's: the linked items its transaction changed too; null when it does not say
     */
    record LinkChanged(CalendarId calendarId, ItemId itemId, LinkRole role, ItemId otherId, @Nullable CalendarId otherCalendarId,
                       boolean linked, @Nullable Long offsetSeconds, TimeRange at, long version,
                       @Nullable List<LinkedChange> linkedChanges) implements Fact {

        @Override
        public List<ConflictChange> applyTo(Trackers trackers) {
            return trackers.calendars().linkChanged(calendarId, itemId, role, otherId, otherCalendarId, linked, offsetSeconds, at, version,
                    linkedChanges);
        }
    }

    /** A resource was created: its type. */
    record ResourceArrived(ResourceProfile resource, long version) implements Fact {

        @Override
        public List<ConflictChange> applyTo(Trackers trackers) {
            return trackers.resources().resourceCreated(resource, version);
        }
    }

    /** A resource was marked unavailable over a range, with the reason. */
    record ResourceUnavailable(ResourceId resourceId, UnavailableRange range, long version) implements Fact {

        @Override
        public List<ConflictChange> applyTo(Trackers trackers) {
            return trackers.resources().markedUnavailable(resourceId, range, version);
        }
    }

    /** A resource was marked available over a range: what it was unavailable for there is released. */
    record ResourceAvailable(ResourceId resourceId, TimeRange range, long version) implements Fact {

        @Override
        public List<ConflictChange> applyTo(Trackers trackers) {
            return trackers.resources().markedAvailable(resourceId, range, version);
        }
    }
}
