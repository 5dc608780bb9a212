package dev.almanac.conflicts.lifecycle;

/**
 * Whether a conflict's clash holds: its entries still breach the capacity, or they no longer do.
 * Detection keeps this; where a person took the conflict is its {@code ConflictStatus}.
 */
public enum Presence {
    ACTIVE,
    CLEARED
}
