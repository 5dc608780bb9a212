package dev.almanac.events.occurrence;

/** Why a materialised occurrence was withdrawn. */
public enum RetractionReason {
    /** Its rule was paused before the occurrence started. */
    RULE_PAUSED,
    /** Its rule was deleted before the occurrence started. */
    RULE_DELETED,
    /** Its rule was updated before the occurrence started, and the new definition does not produce it. */
    RULE_UPDATED,
    /** The occurrence alone was cancelled (RFC 5545's EXDATE). */
    OCCURRENCE_CANCELLED,
    /** Its rule's series was ended before it ("this and following" handed the rest to another rule). */
    RULE_ENDED,
    /** It was missed, and an operator took it off the calendar (OPS-MISSED's delete_missed). */
    MISSED_DELETED
}
