package dev.almanac.events.calendar;

/** What a calendar books; decides the kind and severity of its conflicts. */
public enum CalendarType {
    VENUE,
    STAFF,
    EQUIPMENT,
    MASTER,
    DEPARTMENT,
    /** A job queue (seed 000): short jobs, so its items may be shorter than an event calendar's. */
    QUEUE
}
