package dev.almanac.commands.rule;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.platform.input.Rfc3339;
import dev.almanac.platform.input.StrictInputModule;
import dev.almanac.platform.problem.ProblemException;

/**
 * How a path names one occurrence of a rule: by its occurrence id, as every read shows it, or by
 * its recurrence id, the instant its series resolves it to (its {@code resolved_at}, RFC 5545's
 * RECURRENCE-ID), written as an RFC 3339 instant. Exactly one is set.
 */
public record OccurrenceRef(@Nullable OccurrenceId id, @Nullable Instant recurrenceId) {

    /** The path segment as one or the other; a segment that is neither is a 400 naming the field. */
    static OccurrenceRef parse(String field, String segment) {
        if (Rfc3339.parse(segment).isPresent()) {
            Instant instant = Rfc3339.parse(segment).get();
            if (!instant.equals(instant.truncatedTo(ChronoUnit.SECONDS))) {
                throw ProblemException.invalid(field, "whole_second", "a recurrence id is the whole second an occurrence resolves to, but "
                        + segment + " has a fraction of a second");
            }
            return new OccurrenceRef(null, instant);
        }
        try {
            return new OccurrenceRef(OccurrenceId.of(segment), null);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "pattern", field + " must be an occurrence id or an RFC 3339 instant (the "
                    + "occurrence's resolved_at), but was '" + StrictInputModule.printable(segment) + "'");
        }
    }

    public static OccurrenceRef of(OccurrenceId id) {
        return new OccurrenceRef(id, null);
    }

    public static OccurrenceRef at(Instant recurrenceId) {
        return new OccurrenceRef(null, recurrenceId);
    }

    @Override
    public String toString() {
        return id != null ? id.value() : String.valueOf(recurrenceId);
    }
}
