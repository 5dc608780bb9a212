package dev.almanac.events.calendar;

/** What a calendar books; decides the kind and severity of its conflicts. */
public enum CalendarType {
    VENUE,
    STAFF,
    EQUIPMENT,
    MASTER,
    DEPARTMENT,
    /** A job queue (F033-QUEUE): short jobs, so its items may be shorter than an event calendar's. */
    QUEUE
}
