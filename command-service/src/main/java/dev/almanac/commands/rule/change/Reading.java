package dev.almanac.commands.rule.change;

import java.util.List;
import java.util.Map;

import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleChangeWarning;

/**
 * What an instruction was read as, and how sure the reading is. Each doubt is a warning that names
 * it ({@code ambiguous_time}: "at 6" is 06:00 or 18:00), and each other reading is a warning
 * {@value #ALTERNATIVE} whose message is an instruction that says it without the doubt. They are
 * stored with the proposal's warnings, so the confidence and the alternatives a repeated request
 * is answered with are the ones first shown (ADR 0077).
 */
record Reading(RuleChange change, List<RuleChangeWarning> notes) {

    /** The code of a note that carries another reading, as an instruction. */
    static final String ALTERNATIVE = "alternative";

    /** How likely each kind of doubt leaves the reading right; a reading's confidence is the product over its doubts. */
    static final Map<String, Double> DOUBTS = Map.of(
            "ambiguous_time", 0.6,
            "ambiguous_direction", 0.7,
            "ambiguous_ordinal", 0.6,
            "ambiguous_phase", 0.8);

    Reading {
        notes = List.copyOf(notes);
    }

    static Reading certain(RuleChange change) {
        return new Reading(change, List.of());
    }

    double confidence() {
        return confidence(notes);
    }

    /** The confidence the doubts among {@code warnings} leave: 1 without any. */
    static double confidence(List<RuleChangeWarning> warnings) {
        double confidence = 1.0;
        for (RuleChangeWarning warning : warnings) {
            confidence *= DOUBTS.getOrDefault(warning.code(), 1.0);
        }
        return Math.round(confidence * 100) / 100.0;
    }
}
