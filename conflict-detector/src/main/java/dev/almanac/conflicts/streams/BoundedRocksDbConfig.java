package dev.almanac.conflicts.streams;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;
import org.jspecify.annotations.Nullable;

/**
 * Bounds the off-heap memory of every RocksDB store in the JVM together. Left alone, Kafka
 * Streams gives each store its own 50 MB block cache and three 16 MB memtables; with six
 * stores per partition that is gigabytes for a service that runs with a 320 MB heap. Here all
 * stores share one block cache; their memtables are charged to that cache through one write
 * buffer manager, and index and filter blocks live in it too. The cache size is therefore the
 * bound, give or take RocksDB's small per-instance overhead.
 */
public class BoundedRocksDbConfig implements RocksDBConfigSetter {

    /** Streams property: bytes of the shared block cache, memtables included. */
    public static final String CACHE_BYTES = "almanac.rocksdb.cache-bytes";
    /** Streams property: bytes of the cache that memtables may take, for all stores together. */
    public static final String MEMTABLE_BYTES = "almanac.rocksdb.memtable-bytes";
    /** Streams property: the size one store's memtable grows to before it is flushed. */
    public static final String WRITE_BUFFER_BYTES = "almanac.rocksdb.write-buffer-bytes";

    static final long DEFAULT_CACHE_BYTES = 48L << 20;
    static final long DEFAULT_MEMTABLE_BYTES = 16L << 20;
    static final long DEFAULT_WRITE_BUFFER_BYTES = 4L << 20;
    private static final long BLOCK_BYTES = 16L << 10;
    private static final double HIGH_PRIORITY_RATIO = 0.1;

    private static @Nullable Shared shared;

    /** One cache and one write buffer manager per JVM: every store instance uses the same two. */
    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared memory = shared(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_BYTES);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setWriteBufferSize(bytes(configs, WRITE_BUFFER_BYTES, DEFAULT_WRITE_BUFFER_BYTES));
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store, so none closes them.
    }

    /** The first store to open sizes the cache and the memtable budget; they are the JVM's from then on. */
    private static synchronized Shared shared(Map<String, Object> configs) {
        if (shared == null) {
            long cacheBytes = bytes(configs, CACHE_BYTES, DEFAULT_CACHE_BYTES);
            Cache cache = new LRUCache(cacheBytes, -1, false, HIGH_PRIORITY_RATIO);
            shared = new Shared(cache, new WriteBufferManager(bytes(configs, MEMTABLE_BYTES, DEFAULT_MEMTABLE_BYTES), cache));
        }
        return shared;
    }

    private static long bytes(Map<String, Object> configs, String name, long fallback) {
        Object value = configs.get(name);
        return value == null ? fallback : Long.parseLong(value.toString().trim());
    }
}
