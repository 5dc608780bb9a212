package dev.almanac.query.access;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Tenant;

/**
 * Which calendars a read across calendars shows its caller (ADR 0060, ADR 0086): every calendar but those on which the
 * caller has no role. A read filters its entries, conflicts, rules and events by {@link #shows}; an aggregate leaves the
 * hidden calendars out of its counts.
 *
 * @param hidden the calendars left out, in order
 * @param shown  for a caller denied by default, the calendars they may read, in order, as read with {@code hidden}; null
 *               where calendars without grants are open to them and any calendar not hidden is shown. A calendar created
 *               after the read is in neither, and not shown.
 * @param tenant the caller's tenant in multi-tenant mode (ADR 0102), null in single-tenant mode: a calendar of another
 *               tenant is never shown, whatever the sets say, so that no read across calendars can forget the rule
 */
public record CalendarVisibility(SortedSet<String> hidden, @Nullable SortedSet<String> shown, @Nullable Tenant tenant) {

    /** What an admin of a single-tenant deployment, or a calendar read with no caller, sees: everything. */
    public static final CalendarVisibility EVERY_CALENDAR = new CalendarVisibility(new TreeSet<>(), null);

    public CalendarVisibility {
        hidden = Collections.unmodifiableSortedSet(new TreeSet<>(hidden));
        shown = shown == null ? null : Collections.unmodifiableSortedSet(new TreeSet<>(shown));
    }

    public CalendarVisibility(SortedSet<String> hidden, @Nullable SortedSet<String> shown) {
        this(hidden, shown, null);
    }

    public static CalendarVisibility hiding(Collection<String> calendarIds) {
        return calendarIds.isEmpty() ? EVERY_CALENDAR : new CalendarVisibility(new TreeSet<>(calendarIds), null);
    }

    /** Denied by default: {@code shown} are the calendars the caller may read, {@code hidden} every other known one. */
    public static CalendarVisibility showingOnly(Collection<String> shown, Collection<String> hidden) {
        return new CalendarVisibility(new TreeSet<>(hidden), new TreeSet<>(shown));
    }

    /**
     * In multi-tenant mode, {@code visibility} kept to {@code tenant}'s calendars: {@code shown} only those of them it
     * showed, {@code hidden} the tenant's others. Another tenant's calendar is in neither: no read shows it
     * ({@link #shows}), and what counts across calendars (the window's totals) reads the tenant's own read models, in
     * which it is not, so nothing need take it away.
     */
    public static CalendarVisibility withinTenant(Tenant tenant, Collection<String> known, CalendarVisibility visibility) {
        SortedSet<String> shown = new TreeSet<>();
        SortedSet<String> hidden = new TreeSet<>();
        visibility.hidden().stream().filter(tenant::owns).forEach(hidden::add);
        for (String calendarId : known) {
            if (!tenant.owns(calendarId)) {
                continue;
            }
            if (visibility.shows(calendarId)) {
                shown.add(calendarId);
            } else {
                hidden.add(calendarId);
            }
        }
        if (visibility.shown() != null) {
            visibility.shown().stream().filter(tenant::owns).forEach(shown::add);
        }
        hidden.removeAll(shown);
        return new CalendarVisibility(hidden, shown, tenant);
    }

    public boolean shows(String calendarId) {
        if (tenant != null && !tenant.owns(calendarId)) {
            return false;
        }
        return shown == null ? !hidden.contains(calendarId) : shown.contains(calendarId);
    }

    /**
     * Whether an entity with {@code id} may be shown at all, whatever its calendar: in multi-tenant mode only one of the
     * caller's tenant (ADR 0102), for what has no calendar (a rule without a queue) or is listed by its own id.
     */
    public boolean knows(String id) {
        return tenant == null || tenant.owns(id);
    }

    /** Whether nothing is left out: never in multi-tenant mode, where other tenants' calendars always are. */
    public boolean showsEveryCalendar() {
        return tenant == null && shown == null && hidden.isEmpty();
    }
}
