package dev.almanac.conflicts.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbConfigTest {

    static {
        RocksDB.loadLibrary();
    }

    @Test
    void everyStoreSharesTheBlockCacheAndKeepsIndexesAndFiltersInIt() {
        try (Options first = storeOptions(); Options second = storeOptions()) {
            new BoundedRocksDbConfig().setConfig("entries", first, Map.of());
            new BoundedRocksDbConfig().setConfig("conflicts", second, Map.of());

            BlockBasedTableConfig table = (BlockBasedTableConfig) first.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
            assertThat(table.blockSize()).isEqualTo(16 * 1024);
            assertThat(first.maxWriteBufferNumber()).isEqualTo(2);
            assertThat(first.writeBufferSize()).isEqualTo(BoundedRocksDbConfig.DEFAULT_WRITE_BUFFER_BYTES);
            assertThat(second.writeBufferSize()).isEqualTo(BoundedRocksDbConfig.DEFAULT_WRITE_BUFFER_BYTES);
        }
    }

    @Test
    void theMemtableSizeComesFromTheStreamsProperties() {
        try (Options options = storeOptions()) {
            new BoundedRocksDbConfig().setConfig("entries", options, Map.of(BoundedRocksDbConfig.WRITE_BUFFER_BYTES, "1048576"));

            assertThat(options.writeBufferSize()).isEqualTo(1L << 20);
        }
    }

    /** As Kafka Streams hands options to the setter: with a block-based table configuration in place. */
    private static Options storeOptions() {
        Options options = new Options();
        options.setTableFormatConfig(new BlockBasedTableConfig());
        return options;
    }
}
