package dev.almanac.events.schedule;

/** How an item came to be scheduled (F033-JOB's source): by a person, or by another system through the API. */
public enum ItemSource {
    MANUAL,
    API
}
