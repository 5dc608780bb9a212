package dev.almanac.commands.item;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarContents;
import dev.almanac.commands.calendar.CalendarDefinition;
import dev.almanac.commands.calendar.CalendarLock;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.calendar.TermsGuard;
import dev.almanac.commands.eventstore.WritesWithCommit;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.platform.problem.Violation;

/**
 * Checks a slot against the calendar's booking ledger inside the command's transaction. A
 * transaction-scoped advisory lock per calendar serialises the commands that book a calendar,
 * and the changes of its terms, across every command-service replica: two commands can never
 * both take the last place, and a booking never commits under terms that a concurrent change
 * has replaced. Inside a bulk reschedule it reads the ledger as the whole batch would leave it
 * ({@link BatchPlan}). See ADR 0005 and ADR 0020.
 */
@Component
class JdbcCapacityGuard implements CapacityGuard, TermsGuard, CalendarContents {

    private final JdbcTemplate jdbc;
    private final WritesWithCommit ledgerWrites;
    private final Clock clock;

    JdbcCapacityGuard(JdbcTemplate jdbc, WritesWithCommit ledgerWrites, Clock clock) {
        this.jdbc = jdbc;
        this.ledgerWrites = ledgerWrites;
        this.clock = clock;
    }

    @Override
    public void hold(CalendarId calendar) {
        jdbc.query(CalendarLock.TAKE, rows -> { }, calendar.value());
    }

    /** The ledger holds a row per item with a place: cancelled and deleted items have none. */
    @Override
    public List<String> holdAndListItems(CalendarId calendarId, int limit) {
        hold(calendarId);
        ledgerWrites.flush();
        return jdbc.queryForList("SELECT item_id FROM calendar_booking WHERE calendar_id = ? ORDER BY item_id LIMIT ?", String.class,
                calendarId.value(), limit);
    }

    /** Checks every booking that has not ended, since a smaller capacity applies to all of them. */
    @Override
    public void admit(CalendarId calendarId, CalendarDefinition proposed) {
        hold(calendarId);
        if (proposed.overbookingPolicy() != OverbookingPolicy.BLOCK) {
            return;
        }
        ledgerWrites.flush();
        List<Booking> booked = jdbc.query(
                "SELECT item_id, start_at, end_at FROM calendar_booking WHERE calendar_id = ? AND end_at > ?",
                (row, index) -> new Booking(row.getString("item_id"),
                        row.getTimestamp("start_at").toInstant(), row.getTimestamp("end_at").toInstant()),
                calendarId.value(), Timestamp.from(clock.instant()));
        Busiest busiest = busiest(booked);
        if (busiest.count() > proposed.capacity()) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "capacity", "SCH-023",
                    busiest.count() + " items are booked on calendar " + calendarId + " at " + busiest.at()
                            + ", more than the capacity of " + proposed.capacity() + " that blocks overbooking: "
                            + String.join(", ", busiest.items()) + ". Move or cancel some of them first, or allow overbooking.");
        }
    }

    @Override
    public List<Violation> admit(CalendarTerms calendar, ItemId item, TimeRange slot) {
        return admit(calendar, item, slot, false).warnings();
    }

    @Override
    public Admission admit(CalendarTerms calendar, ItemId item, TimeRange slot, boolean overriding) {
        if (calendar.overbookingPolicy() == OverbookingPolicy.ALLOW) {
            return new Admission(List.of(), false);
        }
        ledgerWrites.flush();
        List<Booking> ledger = jdbc.query(
                "SELECT item_id, start_at, end_at FROM calendar_booking"
                        + " WHERE calendar_id = ? AND start_at < ? AND end_at > ? AND item_id <> ?",
                (row, index) -> new Booking(row.getString("item_id"),
                        row.getTimestamp("start_at").toInstant(), row.getTimestamp("end_at").toInstant()),
                calendar.calendarId().value(), Timestamp.from(slot.end()), Timestamp.from(slot.start()), item.value());
        List<Booking> overlapping = BatchPlan.current()
                .map(plan -> plan.applyTo(calendar.calendarId(), item, slot, ledger))
                .orElse(ledger);
        int peak = peakConcurrency(overlapping, slot);
        String inTheWay = overlapping.stream().sorted(Comparator.comparing(Booking::start))
                .map(Booking::itemId).collect(Collectors.joining(", "));
        if (peak > calendar.capacity() && calendar.overbookingPolicy() == OverbookingPolicy.BLOCK && overriding) {
            return new Admission(List.of(new Violation("override", "SCH-021", "accepted over capacity by a manager's override: "
                    + peak + " items at once during part of this slot on calendar " + calendar.calendarId() + " (capacity "
                    + calendar.capacity() + "); the override is recorded and the breach becomes a conflict. Others: "
                    + inTheWay)), true);
        }
        if (peak > calendar.capacity() && calendar.overbookingPolicy() == OverbookingPolicy.BLOCK) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "start", "SCH-023",
                    "calendar " + calendar.calendarId() + " is full (capacity " + calendar.capacity()
                            + ") during part of this slot; it blocks overbooking. Items in the way: " + inTheWay);
        }
        if (peak > calendar.capacity()) {
            return new Admission(List.of(new Violation("start", "SCH-023", "accepted over capacity: " + peak
                    + " items at once during part of this slot on calendar " + calendar.calendarId() + " (capacity "
                    + calendar.capacity() + "), which warns instead of blocking; the breach is recorded as a conflict. Others: "
                    + inTheWay)), false);
        }
        if (peak * 5 >= calendar.capacity() * 4) {
            return new Admission(List.of(new Violation("start", "SCH-022", "calendar " + calendar.calendarId() + " is at " + peak
                    + " of its capacity of " + calendar.capacity() + " (80 % or more) during part of this slot")), false);
        }
        return new Admission(List.of(), false);
    }

    /** The most bookings held at one instant within {@code slot}, counting the new one. */
    static int peakConcurrency(List<Booking> overlapping, TimeRange slot) {
        record Edge(Instant at, int delta) {
        }
        List<Edge> edges = new ArrayList<>();
        for (Booking booking : overlapping) {
            edges.add(new Edge(max(booking.start(), slot.start()), 1));
            edges.add(new Edge(min(booking.end(), slot.end()), -1));
        }
        // Ends sort before starts at the same instant: intervals are half-open.
        edges.sort(Comparator.comparing(Edge::at).thenComparingInt(Edge::delta));
        int current = 1;
        int peak = 1;
        for (Edge edge : edges) {
            current += edge.delta();
            peak = Math.max(peak, current);
        }
        return peak;
    }

    /** The moment the most of {@code booked} overlap, and which they are; none booked is a count of 0. */
    static Busiest busiest(List<Booking> booked) {
        record Edge(Instant at, int delta, String itemId) {
        }
        List<Edge> edges = new ArrayList<>();
        for (Booking booking : booked) {
            edges.add(new Edge(booking.start(), 1, booking.itemId()));
            edges.add(new Edge(booking.end(), -1, booking.itemId()));
        }
        // Ends sort before starts at the same instant: intervals are half-open.
        edges.sort(Comparator.comparing(Edge::at).thenComparingInt(Edge::delta));
        Set<String> current = new TreeSet<>();
        Busiest busiest = new Busiest(0, Instant.EPOCH, List.of());
        for (Edge edge : edges) {
            if (edge.delta() > 0) {
                current.add(edge.itemId());
            } else {
                current.remove(edge.itemId());
            }
            if (current.size() > busiest.count()) {
                busiest = new Busiest(current.size(), edge.at(), List.copyOf(current));
            }
        }
        return busiest;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    record Booking(String itemId, Instant start, Instant end) {
    }

    record Busiest(int count, Instant at, List<String> items) {
    }
}
