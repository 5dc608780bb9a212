package dev.almanac.query.entry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.almanac.query.readmodel.NewestWins;

/**
 * One UTC hour across all calendars: a copy of every entry that starts in it, with its calendar.
 * A detailed day over all calendars reads the 23 to 26 hours of its local day instead of every
 * calendar's UTC days (ADR 0025). Copies are {@link NewestWins newest-wins} by the entry's version,
 * so placing and withdrawing them is idempotent and order-free, as in {@link CalendarDay}.
 */
public record StartingHour(Instant hour, NewestWins<PlacedCopy> entries) {

    public static final Duration LENGTH = Duration.ofHours(1);

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    public static StartingHour empty(Instant hour) {
        return new StartingHour(hour, NewestWins.none());
    }

    /** The document id of the hour holding {@code instant}: {@code 2026-07-15T18}. */
    public static String idOf(Instant instant) {
        return ID.format(instant.truncatedTo(ChronoUnit.HOURS));
    }

    /** The empty hour that the document {@code id} would hold. */
    public static StartingHour emptyOf(String id) {
        return empty(Instant.parse(id + ":00:00Z"));
    }

    /** The ids of the hours that {@code [from, till)} overlaps, in order. */
    public static List<String> idsOverlapping(Instant from, Instant till) {
        List<String> ids = new ArrayList<>();
        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); hour.isBefore(till); hour = hour.plus(LENGTH)) {
            ids.add(idOf(hour));
        }
        return ids;
    }

    public String id() {
        return idOf(hour);
    }

    public StartingHour place(PlacedCopy placed) {
        return new StartingHour(hour, entries.place(placed.copy().id(), placed));
    }

    public StartingHour withdraw(String entryId, long version) {
        return new StartingHour(hour, entries.withdraw(entryId, version));
    }
}
