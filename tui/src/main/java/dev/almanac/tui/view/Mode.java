package dev.almanac.tui.view;

/** The three views of seed 000's Calendar View Flow. */
public enum Mode {
    MONTH, WEEK, DAY
}
