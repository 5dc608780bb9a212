package dev.almanac.events.rule;

/** How an occurrence's wall-clock time became an instant. */
public enum DstResolution {
    /** The local time exists exactly once. */
    EXACT,
    /** The local time fell in a spring-forward gap and was moved forward by the gap. */
    GAP_SHIFTED,
    /** The local time happened twice; this is the earlier instant. */
    OVERLAP_EARLIER,
    /** The local time happened twice; this is the later instant. */
    OVERLAP_LATER
}
