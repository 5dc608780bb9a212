package dev.almanac.events.occurrence;

/** Why a materialised occurrence was withdrawn. */
public enum RetractionReason {
    /** Its rule was paused before the occurrence started. */
    RULE_PAUSED,
    /** Its rule was deleted before the occurrence started. */
    RULE_DELETED,
    /** Its rule was updated before the occurrence started, and the new definition does not produce it. */
    RULE_UPDATED
}
