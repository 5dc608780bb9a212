package dev.almanac.conflicts.rule;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The timelines and occurrence arrays of one task's rules, in memory: a state store of Kafka Streams' own kind so
 * that every processor of the task sees the same one, and so that it lives exactly as long as the task's persistent
 * stores. It is derived from {@link ScopeRuleStore} and starts empty whenever the task is (re)initialised, as after
 * a restart, a rebalance or an aborted transaction; it is not logged.
 */
public final class RuleOccurrenceCache implements StateStore {

    public static final String STORE = "rule-occurrences";

    private final Map<RuleScope, ScopeRules> scopes = new HashMap<>();
    private @Nullable DetectionWindow window;
    private boolean windowRead;
    private boolean open;

    /** A cache used outside a topology, as by the trackers' own tests. */
    public static RuleOccurrenceCache standalone() {
        RuleOccurrenceCache cache = new RuleOccurrenceCache();
        cache.open = true;
        return cache;
    }

    public static StoreBuilder<RuleOccurrenceCache> builder() {
        return new Builder();
    }

    Map<RuleScope, ScopeRules> scopes() {
        return scopes;
    }

    boolean windowRead() {
        return windowRead;
    }

    @Nullable DetectionWindow window() {
        return window;
    }

    void window(@Nullable DetectionWindow now) {
        window = now;
        windowRead = true;
    }

    /** Reads the window from the store again when next asked. */
    void forgetWindow() {
        window = null;
        windowRead = false;
    }

    @Override
    public String name() {
        return STORE;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        clear();
        context.register(root, (key, value) -> {
        });
        open = true;
    }

    @Override
    public void flush() {
        // Nothing to write: the cache is rebuilt from the stores.
    }

    @Override
    public void close() {
        clear();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private void clear() {
        scopes.clear();
        window = null;
        windowRead = false;
    }

    private static final class Builder implements StoreBuilder<RuleOccurrenceCache> {

        @Override
        public StoreBuilder<RuleOccurrenceCache> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<RuleOccurrenceCache> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<RuleOccurrenceCache> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException("the rule occurrence cache is derived from logged stores and is not logged itself");
        }

        @Override
        public StoreBuilder<RuleOccurrenceCache> withLoggingDisabled() {
            return this;
        }

        @Override
        public RuleOccurrenceCache build() {
            return new RuleOccurrenceCache();
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }

        @Override
        public String name() {
            return STORE;
        }
    }
}
