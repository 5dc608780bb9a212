package dev.almanac.events.calendar;

/**
 * What a calendar without grants lets a user do who is neither an admin nor its staff owner (ADR 0086). It is the
 * service's identity mode that decides, not the calendar: the same events read in either.
 */
public enum UngrantedCalendars {
    /** Development mode only: every user is a scheduler of a calendar without grants, as before grants existed (ADR 0027). */
    OPEN,
    /** Deny by default, JWT mode: a calendar without grants is its owner's and the admins' alone. */
    CLOSED
}
