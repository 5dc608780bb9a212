package dev.almanac.rules.materialisation;

import java.time.Instant;
import java.util.List;

/**
 * One bounded page of a pause's or deletion's retractions.
 *
 * @param coveredUntil every withdrawn occurrence resolving before it is in this page or an earlier one
 * @param truncated    the per-pass cap cut the page short; the next page starts at {@code coveredUntil}
 */
public record RetractionPage(List<Retraction> retractions, Instant coveredUntil, boolean truncated) {

    public RetractionPage {
        retractions = List.copyOf(retractions);
    }
}
