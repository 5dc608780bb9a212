package dev.almanac.query.occurrence;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The rule occurrences that reads of this process listed lately, by id, with their rule and resolved instant: an id
 * cannot be read back into them, and a client that asks for one by id mostly got it from such a list
 * ({@link OccurrenceLookup}). Bounded: past {@value #MAX_KEPT} ids it starts again.
 */
final class ShownOccurrences {

    /** About 15 MB of ids. */
    static final int MAX_KEPT = 100_000;

    private final Map<String, OccurrenceLookup.Located> shown = new ConcurrentHashMap<>();

    void remember(String id, String ruleId, Instant resolved) {
        if (shown.size() >= MAX_KEPT) {
            shown.clear();
        }
        shown.putIfAbsent(id, new OccurrenceLookup.Located(ruleId, resolved));
    }

    OccurrenceLookup.@Nullable Located find(String id) {
        return shown.get(id);
    }

    void forget() {
        shown.clear();
    }
}
