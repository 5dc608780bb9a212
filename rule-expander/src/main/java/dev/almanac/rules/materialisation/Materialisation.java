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

    /** This pass with {@code earlier} records published before the series', which move nothing. */
    Materialisation withFirst(List<Publication> earlier) {
        return earlier.isEmpty() ? this : publishing(earlier, publications);
    }

    /** This pass with {@code more} records published besides the series', which move nothing. */
    Materialisation with(List<Publication> more) {
        return more.isEmpty() ? this : publishing(publications, more);
    }

    private Materialisation publishing(List<Publication> first, List<Publication> then) {
        List<Publication> all = new ArrayList<>(first);
        all.addAll(then);
        return new Materialisation(ruleId, ruleVersion, materialisedUntil, coveredUntil, truncated, all);
    }
}
