package dev.almanac.conflicts.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;

import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.conflicts.state.StagedStore;
import dev.almanac.conflicts.state.Values;
import dev.almanac.events.rule.RuleId;

/**
 * Each rule's events and scopes on the partition of its id, in the store {@value #STORE}: {@code rule} to the
 * calendars and resources it has named so far, and {@code rule, version} to each event as it was published. When a
 * rule names a calendar or resource for the first time, the task of that scope needs its whole history to fold the
 * timeline; this is where it comes from.
 */
public final class RuleHistoryStore {

    public static final String STORE = "rule-history";

    private static final int FORMAT = 1;

    private final StagedStore history;

    public RuleHistoryStore(StagedStore history) {
        this.history = history;
    }

    /** One event of a rule's history. */
    public record Versioned(long version, RawEvent event) {
    }

    public SortedSet<RuleScope> scopes(RuleId ruleId) {
        SortedSet<RuleScope> scopes = new TreeSet<>();
        byte[] value = history.get(headKey(ruleId));
        if (value != null) {
            Values.Reader reader = Values.reader(value, FORMAT);
            int count = reader.readInt();
            for (int index = 0; index < count; index++) {
                scopes.add(RuleScope.parse(reader.readString()));
            }
        }
        return scopes;
    }

    public void saveScopes(RuleId ruleId, SortedSet<RuleScope> scopes) {
        Values.Writer writer = Values.writer(FORMAT).writeInt(scopes.size());
        scopes.forEach(scope -> writer.writeString(scope.token()));
        history.put(headKey(ruleId), writer.toBytes());
    }

    public boolean has(RuleId ruleId, long version) {
        return history.get(eventKey(ruleId, version)) != null;
    }

    public void put(RuleId ruleId, long version, RawEvent event) {
        history.put(eventKey(ruleId, version), event.encode());
    }

    /** The rule's events in version order. */
    public List<Versioned> events(RuleId ruleId) {
        List<Versioned> events = new ArrayList<>();
        for (KeyValue<Bytes, byte[]> row : history.range(eventKey(ruleId, Long.MIN_VALUE),
                OrderedKey.builder().sized(ruleId.value()).upperBound().build())) {
            OrderedKey.Reader key = new OrderedKey.Reader(row.key);
            key.sized();
            events.add(new Versioned(key.millis(), RawEvent.decode(row.value)));
        }
        return events;
    }

    private static Bytes headKey(RuleId ruleId) {
        return OrderedKey.builder().sized(ruleId.value()).build();
    }

    private static Bytes eventKey(RuleId ruleId, long version) {
        return OrderedKey.builder().sized(ruleId.value()).millis(version).build();
    }
}
