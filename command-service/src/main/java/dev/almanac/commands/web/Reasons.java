package dev.almanac.commands.web;

import org.jspecify.annotations.Nullable;

import dev.almanac.platform.input.TextRules;
import dev.almanac.platform.problem.ProblemException;

/**
 * A {@code reason} given as a query parameter (a DELETE has no body): what the JSON body's strict input checks give every
 * body field, at most {@value #MAX_LENGTH} characters of well-formed text.
 */
public final class Reasons {

    public static final int MAX_LENGTH = 256;

    private Reasons() {
    }

    /** @return the reason, checked; absent stays absent */
    public static @Nullable String checked(@Nullable String reason) {
        if (reason == null) {
            return null;
        }
        if (reason.length() > MAX_LENGTH) {
            throw ProblemException.invalid("reason", "size", "reason must be at most " + MAX_LENGTH + " characters but has " + reason.length());
        }
        TextRules.problem(reason).ifPresent(problem -> {
            throw ProblemException.invalid("reason", TextRules.RULE, "reason " + problem);
        });
        return reason;
    }
}
