package dev.almanac.events.rule;

public enum RetryPolicy {
    NONE,
    LINEAR,
    EXPONENTIAL
}
