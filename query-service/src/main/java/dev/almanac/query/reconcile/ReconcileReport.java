package dev.almanac.query.reconcile;

import java.time.Instant;
import java.util.Map;

/**
 * What one reconcile found.
 *
 * @param records     records read from the topics, from their beginning to their end when the run started
 * @param undecodable records that could not be decoded or decided (the projection dead-lettered them); not compared
 * @param caughtUp    whether the projection held every record read before the comparison; when false, a model's
 *                    {@code behind} and {@code missing} may be lag, not drift
 * @param models      by collection
 */
public record ReconcileReport(Instant startedAt, long tookMillis, long records, long undecodable, boolean caughtUp,
                              Map<String, ModelReport> models) {

    public long drift() {
        return models.values().stream().mapToLong(ModelReport::drift).sum();
    }
}
