package dev.almanac.events.calendar;

/** What a calendar books; decides the kind and severity of its conflicts. */
public enum CalendarType {
    VENUE,
    STAFF,
    EQUIPMENT,
    MASTER,
    DEPARTMENT
}
