package dev.almanac.events.schedule;

/** How an item came to be scheduled (seed 000's and seed 003's source): by a person, or by another system through the API. */
public enum ItemSource {
    MANUAL,
    API
}
