package dev.almanac.query.opsfeed;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

import dev.almanac.events.TimeRange;

/**
 * OPS-VIEWS's views of the ops calendar. A view changes only the range answered when {@code start}
 * and {@code end} are absent; the events are the same list whatever the view.
 */
public enum OpsView {
    /** The local day holding now. */
    DAY(Duration.ofDays(1)),
    /** The ISO week (Monday to Monday, local) holding now: OPS-VIEWS's default view. */
    WEEK(Duration.ofDays(7)),
    /** OPS-WINDOW's rolling 30 days: from local midnight 7 days ago to local midnight 23 days ahead. */
    LIST(Duration.ofDays(30));

    static final int LIST_DAYS_BACK = 7;
    static final int LIST_DAYS_AHEAD = 23;

    private final Duration length;

    OpsView(Duration length) {
        this.length = length;
    }

    /** How long a range given by one edge lasts: the other edge is this far from it. */
    Duration length() {
        return length;
    }

    /** The range answered without {@code start} and {@code end}, in local days of {@code zone} (23 or 25 hours on a DST day). */
    TimeRange defaultRange(Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return switch (this) {
            case DAY -> days(today, today.plusDays(1), zone);
            case WEEK -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield days(monday, monday.plusWeeks(1), zone);
            }
            case LIST -> days(today.minusDays(LIST_DAYS_BACK), today.plusDays(LIST_DAYS_AHEAD), zone);
        };
    }

    private static TimeRange days(LocalDate first, LocalDate end, ZoneId zone) {
        return new TimeRange(first.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant());
    }
}
