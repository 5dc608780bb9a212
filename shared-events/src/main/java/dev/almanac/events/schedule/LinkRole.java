package dev.almanac.events.schedule;

/** Which side of a link an item is on: the primary that leads, or the follower that moves with it (LNK-PAIR). */
public enum LinkRole {
    PRIMARY,
    FOLLOWER
}
