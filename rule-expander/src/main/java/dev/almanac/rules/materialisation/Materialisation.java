package dev.almanac.rules.materialisation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.almanac.events.rule.RuleId;

/**
 * One pass over one rule: the occurrences to publish, and where the rule's
 * {@code materialised_until} moves once all are acknowledged.
 *
 * @param materialisedUntil the stored value the move is conditional on
 * @param coveredUntil      every occurrence before it is in this pass or was published before
 * @param truncated         the per-pass cap cut the window short; a later pass continues at {@code coveredUntil}
 */
public record Materialisation(
        RuleId ruleId,
        long ruleVersion,
        Instant materialisedUntil,
        Instant coveredUntil,
        boolean truncated,
        List<Publication> publications) {

    public Materialisation {
        publications = List.copyOf(publications);
    }

    /** This pass with {@code more} records published besides the series', which move nothing. */
    Materialisation with(List<Publication> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Publication> all = new ArrayList<>(publications);
        all.addAll(more);
        return new Materialisation(ruleId, ruleVersion, materialisedUntil, coveredUntil, truncated, all);
    }
}
