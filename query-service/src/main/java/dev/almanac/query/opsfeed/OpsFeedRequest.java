package dev.almanac.query.opsfeed;

import java.time.ZoneId;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.TimeRange;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.access.CallerRoles;
import dev.almanac.query.access.EntryDisclosure;
import dev.almanac.query.entry.EntryCursor;

/**
 * What the ops feed is asked for, checked. An empty set of sources, statuses or calendars filters nothing.
 *
 * @param range the events starting in it, {@code [start, end)}
 * @param after the last event of the previous page, if any
 * @param visibility the calendars the caller may read: the others' events are left out as a calendar filter leaves them
 * @param roles      what the caller may do on the calendars, which says which actions each event offers them
 * @param disclosure what the caller is shown of each entry: whole, or a busy block (ADR 0096), which no owner filter matches
 */
public record OpsFeedRequest(TimeRange range, ZoneId zone, OpsView view, @Nullable String owner, Set<OpsSource> sources,
                             Set<OpsStatus> statuses, Set<String> calendarIds, @Nullable EntryCursor after, int limit,
                             CalendarVisibility visibility, CallerRoles roles, EntryDisclosure disclosure) {

    public OpsFeedRequest {
        sources = Set.copyOf(sources);
        statuses = Set.copyOf(statuses);
        calendarIds = Set.copyOf(calendarIds);
    }

    boolean onCalendar(String calendarId) {
        return (calendarIds.isEmpty() || calendarIds.contains(calendarId)) && visibility.shows(calendarId);
    }

    boolean matches(OpsEvent event) {
        return (sources.isEmpty() || sources.contains(event.source()))
                && (statuses.isEmpty() || statuses.contains(event.status()))
                && (owner == null || owner.equals(event.ownerId()));
    }
}
