package dev.almanac.rules.materialisation;

import java.time.Instant;
import java.util.List;

/**
 * One bounded page of an update's difference: the occurrences the replaced definition had that the
 * new one does not (retracted), and the new definition's occurrences that are new or differ
 * (published at the updating version, which supersedes the old record of the same occurrence id).
 *
 * @param coveredUntil both definitions' occurrences resolving before it are decided in this page or an earlier one
 * @param truncated    the per-pass cap cut the page short; the next page starts at {@code coveredUntil}
 */
public record RevisionPage(List<Retraction> retractions, List<Publication> publications, Instant coveredUntil, boolean truncated) {

    public RevisionPage {
        retractions = List.copyOf(retractions);
        publications = List.copyOf(publications);
    }
}
