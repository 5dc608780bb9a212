package dev.almanac.rules.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.kafka.EventPublisher;

/**
 * Stands in for the occurrences topic: keeps every record in the order rule-expander published it,
 * materialisations and retractions together, and acknowledges each at once.
 */
final class PublishedLog implements EventPublisher {

    private final List<AlmanacEvent> records = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<?> publish(EventMetadata metadata, AlmanacEvent event) {
        if (metadata.aggregateVersion() != versionOf(event)) {
            throw new IllegalStateException("envelope version " + metadata.aggregateVersion() + " differs from the record's: " + event);
        }
        records.add(event);
        return CompletableFuture.completedFuture(null);
    }

    synchronized int size() {
        return records.size();
    }

    /**
     * The rule's occurrences a consumer holds after reading every record: per occurrence id, the
     * record with the newest rule version wins and a later one at the same version changes nothing,
     * as query-service's read models apply them; those whose winner is a retraction are gone.
     */
    synchronized Map<OccurrenceId, OccurrenceMaterialized> asConsumed(RuleId ruleId) {
        Map<OccurrenceId, AlmanacEvent> newest = new HashMap<>();
        for (AlmanacEvent record : records) {
            if (!ruleId.equals(ruleOf(record))) {
                continue;
            }
            OccurrenceId id = idOf(record);
            AlmanacEvent held = newest.get(id);
            if (held == null || versionOf(record) > versionOf(held)) {
                newest.put(id, record);
            }
        }
        return live(newest);
    }

    /** The same, if each record simply replaced the one before it: what a consumer ignoring versions would hold. */
    synchronized Map<OccurrenceId, OccurrenceMaterialized> asLastWritten(RuleId ruleId) {
        Map<OccurrenceId, AlmanacEvent> last = new HashMap<>();
        for (AlmanacEvent record : records) {
            if (ruleId.equals(ruleOf(record))) {
                last.put(idOf(record), record);
            }
        }
        return live(last);
    }

    private static Map<OccurrenceId, OccurrenceMaterialized> live(Map<OccurrenceId, AlmanacEvent> winners) {
        Map<OccurrenceId, OccurrenceMaterialized> live = new LinkedHashMap<>();
        winners.forEach((id, record) -> {
            if (record instanceof OccurrenceMaterialized materialized) {
                live.put(id, materialized);
            }
        });
        return live;
    }

    private static RuleId ruleOf(AlmanacEvent record) {
        if (record instanceof OccurrenceMaterialized materialized) {
            return materialized.ruleId();
        }
        if (record instanceof OccurrenceRetracted retracted) {
            return retracted.ruleId();
        }
        return null;
    }

    private static OccurrenceId idOf(AlmanacEvent record) {
        return record instanceof OccurrenceMaterialized materialized ? materialized.occurrenceId()
                : ((OccurrenceRetracted) record).occurrenceId();
    }

    private static long versionOf(AlmanacEvent record) {
        if (record instanceof OccurrenceMaterialized materialized) {
            return materialized.ruleVersion();
        }
        if (record instanceof OccurrenceRetracted retracted) {
            return retracted.ruleVersion();
        }
        return -1;
    }
}
