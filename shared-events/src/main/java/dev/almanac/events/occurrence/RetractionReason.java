package dev.almanac.events.occurrence;

/** Why a materialised occurrence was withdrawn. */
public enum RetractionReason {
    /** Its rule was paused before the occurrence started. */
    RULE_PAUSED,
    /** Its rule was deleted before the occurrence started. */
    RULE_DELETED
}
