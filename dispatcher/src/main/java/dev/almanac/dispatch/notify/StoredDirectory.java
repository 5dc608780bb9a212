package dev.almanac.dispatch.notify;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/** The {@link Directory} of one task, in its RocksDB store: one key per calendar, rule, item and open conflict. */
final class StoredDirectory implements Directory {

    static final String STORE = "notifier-directory";
    private static final byte[] OPEN = {1};

    private final KeyValueStore<Bytes, byte[]> store;

    StoredDirectory(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    @Override
    public CalendarContact calendar(String calendarId) {
        byte[] stored = store.get(key('c', calendarId));
        return stored == null ? CalendarContact.NONE : CalendarContact.fromJson(stored);
    }

    @Override
    public void calendar(String calendarId, CalendarContact contact) {
        store.put(key('c', calendarId), contact.toJson());
    }

    @Override
    public @Nullable RuleContact rule(String ruleId) {
        byte[] stored = store.get(key('r', ruleId));
        return stored == null ? null : RuleContact.fromJson(stored);
    }

    @Override
    public void rule(RuleContact contact) {
        store.put(key('r', contact.ruleId()), contact.toJson());
    }

    @Override
    public @Nullable String itemScheduler(String itemId) {
        byte[] stored = store.get(key('i', itemId));
        return stored == null ? null : new String(stored, StandardCharsets.UTF_8);
    }

    @Override
    public void itemScheduler(String itemId, String scheduler) {
        store.put(key('i', itemId), scheduler.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public @Nullable ItemContact item(String itemId) {
        byte[] stored = store.get(key('n', itemId));
        return stored == null ? null : ItemContact.fromBytes(stored);
    }

    @Override
    public void item(String itemId, ItemContact contact) {
        store.put(key('n', itemId), contact.toBytes());
    }

    @Override
    public boolean conflictOpen(String conflictId) {
        return store.get(key('k', conflictId)) != null;
    }

    @Override
    public void conflictOpen(String conflictId, boolean open) {
        if (open) {
            store.put(key('k', conflictId), OPEN);
        } else {
            store.delete(key('k', conflictId));
        }
    }

    private static Bytes key(char kind, String id) {
        byte[] value = id.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[value.length + 1];
        key[0] = (byte) kind;
        System.arraycopy(value, 0, key, 1, value.length);
        return Bytes.wrap(key);
    }
}
