package dev.almanac.commands.item;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.schedule.ItemId;

/**
 * Checks a slot against the calendar's booking ledger inside the command's transaction. A
 * transaction-scoped advisory lock per calendar serialises concurrent bookings of one
 * calendar across every command-service replica, so two commands can never both take the
 * last place. Inside a bulk reschedule it reads the ledger as the whole batch would leave it
 * ({@link BatchPlan}).
 */
@Component
class JdbcCapacityGuard implements CapacityGuard {

    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";

    private final JdbcTemplate jdbc;

    JdbcCapacityGuard(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void holdInOrder(List<CalendarId> calendars) {
        calendars.forEach(calendar -> jdbc.query(LOCK, rows -> { }, calendar.value()));
    }

    @Override
    public void admit(CalendarTerms calendar, ItemId item, TimeRange slot) {
        if (calendar.overbookingPolicy() != OverbookingPolicy.BLOCK) {
            return;
        }
        jdbc.query(LOCK, rows -> { }, calendar.calendarId().value());
        List<Booking> ledger = jdbc.query(
                "SELECT item_id, start_at, end_at FROM calendar_booking"
                        + " WHERE calendar_id = ? AND start_at < ? AND end_at > ? AND item_id <> ?",
                (row, index) -> new Booking(row.getString("item_id"),
                        row.getTimestamp("start_at").toInstant(), row.getTimestamp("end_at").toInstant()),
                calendar.calendarId().value(), Timestamp.from(slot.end()), Timestamp.from(slot.start()), item.value());
        List<Booking> overlapping = BatchPlan.current()
                .map(plan -> plan.applyTo(calendar.calendarId(), item, slot, ledger))
                .orElse(ledger);
        if (peakConcurrency(overlapping, slot) > calendar.capacity()) {
            String inTheWay = overlapping.stream().sorted(Comparator.comparing(Booking::start))
                    .map(Booking::itemId).collect(Collectors.joining(", "));
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "start", "SCH-023",
                    "calendar " + calendar.calendarId() + " is full (capacity " + calendar.capacity()
                            + ") during part of this slot; it blocks overbooking. Items in the way: " + inTheWay);
        }
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

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    record Booking(String itemId, Instant start, Instant end) {
    }
}
