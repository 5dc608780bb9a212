package dev.almanac.query.conflict;

/** Where a conflict stands in this read model. */
public enum ConflictStatus {
    /** Detected and not cleared since: its entries still exceed the calendar's capacity together. */
    ACTIVE,
    /** conflict-detector found that the clash no longer holds. */
    CLEARED
}
