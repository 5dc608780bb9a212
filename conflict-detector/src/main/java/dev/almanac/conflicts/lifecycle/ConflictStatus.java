package dev.almanac.conflicts.lifecycle;

/** Where a conflict stands: its entries still breach the capacity, or they no longer do. */
public enum ConflictStatus {
    ACTIVE,
    CLEARED
}
