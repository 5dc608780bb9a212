package dev.almanac.conflicts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import dev.almanac.conflicts.calendar.CalendarAccessCopies;
import dev.almanac.conflicts.streams.BoundedRocksDbConfig;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.OwnerType;

/**
 * What the global copy of every calendar's access costs as calendars grow (ADR 0030): the rate at which copies are
 * decoded, compared and kept in a RocksDB store with the service's settings, which is the keeper's work for each record
 * of the topic, live and when the store is rebuilt from it (Kafka's fetching left out); the bytes a copy takes on the
 * wire; the store's size on disk; and a manager lookup, as a lifecycle command makes it. {@code almanac.bench.calendars} (200,000) calendars,
 * each with a staff owner and {@code almanac.bench.grants} (3) grants. Gated: {@code -Dalmanac.bench=true}.
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class CalendarAccessCopiesBenchmarkTest {

    @TempDir
    Path stateDirectory;

    @Test
    void keepsTheAccessOfManyCalendars() {
        int calendars = Integer.getInteger("almanac.bench.calendars", 200_000);
        int grants = Integer.getInteger("almanac.bench.grants", 3);
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "conflict-detector");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>(properties, new TaskId(0, 0), stateDirectory.toFile());
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CalendarAccessCopies.STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled().withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        try {
            CalendarAccessCopies copies = new CalendarAccessCopies(store);
            long bytes = 0;
            long began = System.nanoTime();
            for (int n = 0; n < calendars; n++) {
                int i = n;
                CalendarId calendar = CalendarId.of("cal-" + String.format("%08d", i) + "-0b6f4c1e-5a52-4f7e-9d1c");
                List<CalendarAccessCopies.Grant> granted = Stream.iterate(0, g -> g + 1).limit(grants)
                        .map(g -> new CalendarAccessCopies.Grant(UserId.of("user-" + (i + g) + "@example.com"),
                                g == 0 ? CalendarRole.MANAGER : CalendarRole.SCHEDULER))
                        .toList();
                byte[] value = CalendarAccessCopies.encode(new CalendarAccessCopies.AccessRecord(calendar, 3,
                        new CalendarOwner("owner-" + i, OwnerType.STAFF), granted));
                bytes += value.length + calendar.value().length();
                // What the keeper does with each record of the topic, live and on restore: decode, compare, keep.
                copies.apply(CalendarAccessCopies.decode(value), value);
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            store.flush();
            long onDisk = sizeOf(stateDirectory);
            long lookups = System.nanoTime();
            int managed = 0;
            for (int i = 0; i < 10_000; i++) {
                CalendarId calendar = CalendarId.of("cal-" + String.format("%08d", (i * 7919) % calendars) + "-0b6f4c1e-5a52-4f7e-9d1c");
                managed += copies.managedBy(UserId.of("user-" + ((i * 7919) % calendars) + "@example.com"), List.of(calendar)).size();
            }
            double lookupMicros = (System.nanoTime() - lookups) / 1e3 / 10_000;
            System.out.printf("calendar access copies: %,d calendars with an owner and %d grants kept in %.1f s (%,.0f copies/s), "
                            + "%d bytes a copy on the wire (key and value), %,d bytes of state on disk after a flush (%d a calendar), "
                            + "%.1f us a manager lookup%n",
                    calendars, grants, seconds, calendars / seconds, bytes / calendars, onDisk, onDisk / calendars, lookupMicros);
            assertThat(managed).isEqualTo(10_000);
        } finally {
            store.close();
        }
    }

    private static long sizeOf(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
