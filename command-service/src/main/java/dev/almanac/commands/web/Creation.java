package dev.almanac.commands.web;

/** The outcome of a creation command: the aggregate's version, and whether an earlier identical request had created it. */
public record Creation(long version, boolean repeated) {

    static final Creation NEW = new Creation(0, false);
}
