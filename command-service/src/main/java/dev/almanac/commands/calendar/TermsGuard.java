package dev.almanac.commands.calendar;

import dev.almanac.events.calendar.CalendarId;

/**
 * The capacity guard as a calendar's own changes meet it. A change of terms takes the same
 * per-calendar lock that bookings take, so a booking admitted under the old terms and the
 * change never both commit unseen by each other.
 */
@FunctionalInterface
public interface TermsGuard {

    /**
     * Takes the calendar's lock for the rest of the transaction and, when {@code proposed} blocks
     * overbooking, checks that the items booked from now on fit its capacity.
     *
     * @throws dev.almanac.commands.CommandRejectedException with reason CONFLICT (rule SCH-023),
     *         naming the busiest moment and the items booked then, when they do not fit
     */
    void admit(CalendarId calendarId, CalendarDefinition proposed);
}
