package dev.almanac.conflicts.state;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * A key-value store seen through the writes of the record in hand. Reads see the staged
 * writes over the store; nothing reaches the store until {@link #commit}. A record whose
 * handling fails half-way is therefore {@linkplain #discard discarded} without a trace, and
 * can be dead-lettered while the state stays exactly as the previous record left it.
 */
public final class StagedStore implements Staging {

    /** Marks a staged delete; compared by identity, so no caller's value can be mistaken for it. */
    private static final byte[] DELETED = new byte[0];

    private final KeyValueStore<Bytes, byte[]> store;
    private final TreeMap<Bytes, byte[]> staged = new TreeMap<>();

    public StagedStore(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    public byte @Nullable [] get(Bytes key) {
        byte[] value = staged.get(key);
        if (value == null) {
            return store.get(key);
        }
        return value == DELETED ? null : value;
    }

    public void put(Bytes key, byte[] value) {
        staged.put(key, value);
    }

    public void delete(Bytes key) {
        staged.put(key, DELETED);
    }

    /** Every key from {@code from} to {@code to}, both inclusive, in key order. */
    public List<KeyValue<Bytes, byte[]>> range(Bytes from, Bytes to) {
        if (from.compareTo(to) > 0) {
            return List.of();
        }
        try (KeyValueIterator<Bytes, byte[]> found = store.range(from, to)) {
            return overlay(found, staged.subMap(from, true, to, true));
        }
    }

    /** The first key in key order, staged writes included; null when there is none. Reads one row, not the range. */
    public @Nullable Bytes firstKey() {
        Bytes stored = null;
        try (KeyValueIterator<Bytes, byte[]> found = store.all()) {
            while (found.hasNext() && stored == null) {
                Bytes key = found.next().key;
                if (staged.get(key) != DELETED) {
                    stored = key;
                }
            }
        }
        Bytes written = null;
        for (Map.Entry<Bytes, byte[]> write : staged.entrySet()) {
            if (write.getValue() != DELETED) {
                written = write.getKey();
                break;
            }
        }
        if (stored == null || written == null) {
            return stored == null ? written : stored;
        }
        return stored.compareTo(written) <= 0 ? stored : written;
    }

    /** Every key, in key order. */
    public List<KeyValue<Bytes, byte[]>> all() {
        try (KeyValueIterator<Bytes, byte[]> found = store.all()) {
            return overlay(found, staged);
        }
    }

    /** Every key that starts with {@code prefix}, in key order. */
    public List<KeyValue<Bytes, byte[]>> prefix(Bytes prefix) {
        try (KeyValueIterator<Bytes, byte[]> found = store.prefixScan(prefix, Serdes.Bytes().serializer())) {
            NavigableMap<Bytes, byte[]> pending = new TreeMap<>();
            for (Map.Entry<Bytes, byte[]> write : staged.tailMap(prefix, true).entrySet()) {
                if (!startsWith(write.getKey(), prefix)) {
                    break;
                }
                pending.put(write.getKey(), write.getValue());
            }
            return overlay(found, pending);
        }
    }

    /** Writes the staged changes to the store. */
    @Override
    public void commit() {
        for (Map.Entry<Bytes, byte[]> write : staged.entrySet()) {
            if (write.getValue() == DELETED) {
                store.delete(write.getKey());
            } else {
                store.put(write.getKey(), write.getValue());
            }
        }
        staged.clear();
    }

    @Override
    public void discard() {
        staged.clear();
    }

    /** Merges the store's rows with the staged writes, both in key order; a staged write wins. */
    private static List<KeyValue<Bytes, byte[]>> overlay(KeyValueIterator<Bytes, byte[]> found, NavigableMap<Bytes, byte[]> pending) {
        List<KeyValue<Bytes, byte[]>> result = new ArrayList<>();
        if (pending.isEmpty()) {
            found.forEachRemaining(result::add);
            return result;
        }
        Iterator<Map.Entry<Bytes, byte[]>> writes = pending.entrySet().iterator();
        Map.Entry<Bytes, byte[]> write = writes.next();
        while (found.hasNext()) {
            KeyValue<Bytes, byte[]> row = found.next();
            while (write != null && write.getKey().compareTo(row.key) < 0) {
                addWrite(result, write);
                write = writes.hasNext() ? writes.next() : null;
            }
            if (write != null && write.getKey().equals(row.key)) {
                addWrite(result, write);
                write = writes.hasNext() ? writes.next() : null;
            } else {
                result.add(row);
            }
        }
        while (write != null) {
            addWrite(result, write);
            write = writes.hasNext() ? writes.next() : null;
        }
        return result;
    }

    private static void addWrite(List<KeyValue<Bytes, byte[]>> result, Map.Entry<Bytes, byte[]> write) {
        if (write.getValue() != DELETED) {
            result.add(KeyValue.pair(write.getKey(), write.getValue()));
        }
    }

    private static boolean startsWith(Bytes key, Bytes prefix) {
        byte[] bytes = key.get();
        byte[] start = prefix.get();
        if (bytes.length < start.length) {
            return false;
        }
        for (int index = 0; index < start.length; index++) {
            if (bytes[index] != start[index]) {
                return false;
            }
        }
        return true;
    }
}
