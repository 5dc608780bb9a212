package dev.almanac.query.reconcile;

import java.util.List;

/**
 * One read model's comparison.
 *
 * @param expected  entities the events imply
 * @param stored    documents the store held
 * @param drift     entities that disagree: missing, behind, ahead and extra together
 * @param drifted   the first of them by id, at most {@link ReadModelReconciler#LISTED_PER_MODEL}
 */
public record ModelReport(long expected, long stored, long missing, long behind, long ahead, long extra, long drift,
                          List<Drift> drifted) {
}
