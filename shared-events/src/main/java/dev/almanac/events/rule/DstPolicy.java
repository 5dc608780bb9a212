package dev.almanac.events.rule;

/** How a rule's wall-clock times resolve at daylight-saving edges. */
public record DstPolicy(GapPolicy gap, OverlapPolicy overlap) {

    public static final DstPolicy DEFAULT = new DstPolicy(GapPolicy.SHIFT_FORWARD, OverlapPolicy.EARLIER);
}
