package dev.almanac.commands.web;

import java.util.function.Function;

import dev.almanac.platform.problem.ProblemException;

/** Typed ids from paths and bodies; an id that breaks the id rules is a 400 naming the field, not a 500. */
public final class PathIds {

    private PathIds() {
    }

    public static <T> T parse(String field, String value, Function<String, T> factory) {
        try {
            return factory.apply(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "pattern", e.getMessage());
        }
    }
}
