package dev.almanac.events.rule;

/**
 * What happens to a rule's occurrences found missed (no run reported in time, as after downtime):
 * {@link #NONE} leaves them missed for an operator to decide; {@link #LATEST} runs the latest one
 * again at once; {@link #ALL} runs each of them again, within a window and up to a cap that
 * rule-expander documents, so that no downtime ends in an unbounded burst.
 */
public enum CatchupPolicy {
    NONE,
    LATEST,
    ALL
}
