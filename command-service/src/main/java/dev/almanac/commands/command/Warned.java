package dev.almanac.commands.command;

import java.util.List;

import dev.almanac.platform.problem.Violation;

/** A command's outcome that carries warnings: it was applied, and the client should know these. */
public interface Warned {

    List<Violation> warnings();
}
