package dev.almanac.commands.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.commands.command.Warned;
import dev.almanac.platform.problem.Violation;

/**
 * The outcome of a creation command: the aggregate's version, whether an earlier identical
 * request had created it, and the warnings of a new creation ({@link Warned}).
 */
public record Creation(long version, boolean repeated, List<Violation> warnings) {

    public Creation {
        warnings = List.copyOf(warnings);
    }

    static Creation fresh(@Nullable Object handlerResult) {
        return new Creation(0, false, handlerResult instanceof Warned warned ? warned.warnings() : List.of());
    }

    static Creation repeat() {
        return new Creation(0, true, List.of());
    }
}
