package dev.almanac.query.window;

import java.time.LocalDate;

import dev.almanac.events.Tenant;
import dev.almanac.platform.identity.TenancyMode;

/**
 * Which window day counts a calendar's day (ADR 0102): the one over every calendar, or in multi-tenant mode the one over
 * the calendar's tenant's calendars, so that a tenant's window reads only documents of its own. The mode is a
 * deployment's from its start (a deployment moving to multi mode starts with an empty store), so the days are never
 * written both ways.
 */
public enum WindowDayScope {
    /** One window day over every calendar: single-tenant mode. */
    EVERY_CALENDAR,
    /** A window day per tenant: multi-tenant mode. A calendar whose id names no tenant is counted in no tenant's. */
    TENANT;

    public static WindowDayScope of(TenancyMode mode) {
        return mode == TenancyMode.MULTI ? TENANT : EVERY_CALENDAR;
    }

    /** The id of the window day that counts {@code calendarId}'s {@code day}. */
    public String idOf(String calendarId, LocalDate day) {
        return this == TENANT ? WindowDay.id(Tenant.ofId(calendarId).orElse(null), day) : WindowDay.id(day);
    }
}
