package dev.almanac.rules.materialisation;

import java.time.Instant;
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
}
