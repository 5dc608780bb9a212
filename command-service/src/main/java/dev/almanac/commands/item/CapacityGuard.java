package dev.almanac.commands.item;

import java.util.List;

import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.platform.problem.Violation;

/**
 * Enforces a calendar's overbooking policy for one-off items at the moment they are
 * scheduled or moved (SCH-020, SCH-023). Occurrences of recurring rules are materialised
 * asynchronously and are not seen here; conflict-detector reports their breaches.
 */
public interface CapacityGuard {

    /**
     * Takes the calendar's lock for the rest of the transaction. A command takes it before it
     * reads the calendar's terms, so the terms it reads stay current until it commits: a change
     * of terms takes the same lock ({@link dev.almanac.commands.calendar.TermsGuard}). A command
     * about to read the terms takes both at once, with
     * {@link dev.almanac.commands.calendar.Calendars#holdAndFind}.
     */
    void hold(CalendarId calendar);

    /**
     * Checks {@code slot} against the calendar's bookings; the caller holds the calendar's lock.
     *
     * @return the warnings to answer with: SCH-023 when a calendar that warns is taken past its
     *         capacity, SCH-022 when a calendar that blocks or warns reaches 80 % of it; none for a
     *         calendar that allows overbooking
     * @throws dev.almanac.commands.CommandRejectedException with reason CONFLICT, naming the
     *         items in the way, when the calendar blocks overbooking and {@code slot} would
     *         take it past its capacity
     */
    List<Violation> admit(CalendarTerms calendar, ItemId item, TimeRange slot);

    /**
     * As {@link #admit(CalendarTerms, ItemId, TimeRange)}, but with {@code overriding} a calendar that
     * blocks overbooking admits the slot past its capacity, with a SCH-021 warning: a manager's
     * override (SCH-021, SCH-023 "unless overridden").
     *
     * @return the warnings, and whether the override was needed, so that the event records it (SCH-025)
     */
    Admission admit(CalendarTerms calendar, ItemId item, TimeRange slot, boolean overriding);

    /** What the guard said of a slot: its warnings, and whether only an override admitted it. */
    record Admission(List<Violation> warnings, boolean overridden) {

        public Admission {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Takes the guards of several calendars at once, in the order given, for a command that
     * moves items on all of them (bulk reschedule). Taken in one order by every such command,
     * they never make two commands wait on each other in a cycle.
     *
     * @param calendars sorted by id
     */
    default void holdInOrder(List<CalendarId> calendars) {
        calendars.forEach(this::hold);
    }
}
