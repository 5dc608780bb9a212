package dev.almanac.query.projection;

/** What applying one event did to the read models. */
public enum ProjectionOutcome {
    /** An entity's state changed (and with it the documents derived from it). */
    APPLIED,
    /** Every entity it concerns already held this version or a newer one: a redelivery, duplicate or late event. */
    ALREADY_APPLIED,
    /** Every projector that reads the event's topic decided to ignore its type, each for a stated reason. */
    IGNORED
}
