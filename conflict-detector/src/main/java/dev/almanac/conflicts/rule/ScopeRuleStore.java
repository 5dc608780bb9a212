package dev.almanac.conflicts.rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;

import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.conflicts.state.StagedStore;
import dev.almanac.conflicts.state.Values;
import dev.almanac.events.rule.RuleId;

/**
 * The rules of the calendars and resources of one partition, as the events that made them, in the store
 * {@value #STORE}: {@code scope, rule, version} to the event as it was published ({@link RawEvent}). A scope's rules
 * come out of one prefix scan, each rule's events in version order, to be folded into timelines again after a
 * restart. One more row holds the detection horizon the partition has swept its rules to.
 */
public final class ScopeRuleStore {

    public static final String STORE = "rules-by-scope";

    private static final int FORMAT = 1;
    /** Not a scope's token, which always has a colon. */
    private static final String HORIZON = "horizon";

    private final StagedStore events;

    public ScopeRuleStore(StagedStore events) {
        this.events = events;
    }

    public boolean has(RuleScope scope, RuleId ruleId, long version) {
        return events.get(key(scope, ruleId, version)) != null;
    }

    public void put(RuleScope scope, RuleId ruleId, long version, RawEvent event) {
        events.put(key(scope, ruleId, version), event.encode());
    }

    /** The events of every rule the scope holds, by rule, each rule's in version order. */
    public Map<RuleId, List<RawEvent>> ofScope(RuleScope scope) {
        Map<RuleId, List<RawEvent>> rules = new LinkedHashMap<>();
        for (KeyValue<Bytes, byte[]> row : events.prefix(OrderedKey.builder().sized(scope.token()).build())) {
            OrderedKey.Reader key = new OrderedKey.Reader(row.key);
            key.sized();
            RuleId ruleId = RuleId.of(key.sized());
            rules.computeIfAbsent(ruleId, id -> new ArrayList<>()).add(RawEvent.decode(row.value));
        }
        return rules;
    }

    /** The events of one rule on the scope, in version order. */
    public List<RawEvent> of(RuleScope scope, RuleId ruleId) {
        List<RawEvent> found = new ArrayList<>();
        events.prefix(OrderedKey.builder().sized(scope.token()).sized(ruleId.value()).build())
                .forEach(row -> found.add(RawEvent.decode(row.value)));
        return found;
    }

    /** Every scope that holds a rule. */
    public SortedSet<RuleScope> scopes() {
        SortedSet<RuleScope> scopes = new TreeSet<>();
        String last = null;
        for (KeyValue<Bytes, byte[]> row : events.all()) {
            String token = new OrderedKey.Reader(row.key).sized();
            if (!token.equals(last) && !token.equals(HORIZON)) {
                scopes.add(RuleScope.parse(token));
                last = token;
            }
        }
        return scopes;
    }

    public Optional<Instant> horizon() {
        byte[] value = events.get(horizonKey());
        return value == null ? Optional.empty() : Optional.of(Values.reader(value, FORMAT).readInstant());
    }

    public void saveHorizon(Instant horizon) {
        events.put(horizonKey(), Values.writer(FORMAT).writeInstant(horizon).toBytes());
    }

    private static Bytes key(RuleScope scope, RuleId ruleId, long version) {
        return OrderedKey.builder().sized(scope.token()).sized(ruleId.value()).millis(version).build();
    }

    private static Bytes horizonKey() {
        return OrderedKey.builder().sized(HORIZON).build();
    }
}
