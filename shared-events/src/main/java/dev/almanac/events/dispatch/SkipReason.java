package dev.almanac.events.dispatch;

/** Why an occurrence was not dispatched at all. */
public enum SkipReason {
    /** Its rule had {@code max_concurrent} runs in flight and skips what falls due meanwhile. */
    MAX_CONCURRENT,
    /** It waited as its rule's one buffered occurrence, and a newer one took its place. */
    SUPERSEDED
}
