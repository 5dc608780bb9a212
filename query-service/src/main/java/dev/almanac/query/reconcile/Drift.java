package dev.almanac.query.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One entity whose document disagrees with the events.
 *
 * @param kind            {@code missing}: the events imply the entity, the store has no document; {@code behind}: the
 *                        document is at an older version than the last event; {@code ahead}: at a newer version than any
 *                        event (altered by hand, or events lost from the topic); {@code extra}: a document no event implies
 * @param expectedVersion the version of the last event of the entity on the topics; null for {@code extra}
 * @param storedVersion   the document's version; null for {@code missing}
 */
public record Drift(String id, String kind, @Nullable Long expectedVersion, @Nullable Long storedVersion) {

    static final String MISSING = "missing";
    static final String BEHIND = "behind";
    static final String AHEAD = "ahead";
    static final String EXTRA = "extra";

    /**
     * The entities of one model whose documents disagree with the events, by id.
     *
     * @param expected each entity's version of its last event
     * @param stored   each document's version as scanned, before the events were read
     * @param now      the versions of the given documents as they are now: an entity that looked missing or behind in the
     *                 scan may have been written since, by an event the scan came before
     */
    static List<Drift> between(Map<String, Long> expected, Map<String, Long> stored, Function<List<String>, Map<String, Long>> now) {
        List<String> doubtful = expected.entrySet().stream()
                .filter(entity -> stored.getOrDefault(entity.getKey(), -1L) < entity.getValue())
                .map(Map.Entry::getKey).toList();
        Map<String, Long> again = doubtful.isEmpty() ? Map.of() : now.apply(doubtful);
        List<Drift> drifts = new ArrayList<>();
        expected.forEach((id, version) -> {
            Long held = stored.get(id);
            if (held != null && held > version) {
                drifts.add(new Drift(id, AHEAD, version, held));
            } else if (held == null || held < version) {
                Long current = again.get(id);
                if (current == null) {
                    drifts.add(new Drift(id, MISSING, version, null));
                } else if (current < version) {
                    drifts.add(new Drift(id, BEHIND, version, current));
                }
            }
        });
        stored.forEach((id, version) -> {
            if (!expected.containsKey(id)) {
                drifts.add(new Drift(id, EXTRA, null, version));
            }
        });
        drifts.sort(Comparator.comparing(Drift::id));
        return drifts;
    }
}
