package dev.almanac.query.window;

/** The size of a window's buckets: local hours, local days or ISO weeks of the requested zone. */
public enum Granularity {
    HOUR,
    DAY,
    WEEK
}
