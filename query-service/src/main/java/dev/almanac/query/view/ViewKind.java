package dev.almanac.query.view;

/** What a calendar view spans. */
public enum ViewKind {
    DAY, WEEK, MONTH
}
