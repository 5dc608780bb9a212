package dev.almanac.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.almanac.benchmarks.load.StackPauses.Stopped;

class StackPausesTest {

    @Test
    void aJvmsOwnCountersCountTheStopsOfItsCollections() {
        Stopped before = StackPauses.of(ProcessHandle.current()).orElseThrow();

        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        Stopped after = StackPauses.of(ProcessHandle.current()).orElseThrow();
        assertThat(after.count() - before.count()).isGreaterThanOrEqualTo(3);
        assertThat(after.time()).isGreaterThan(before.time());
    }

    @Test
    void aProcessWithoutCountersHasNoneToRead() {
        assertThat(JvmCounters.read(ProcessHandle.current().pid(), "no-such-user-" + System.nanoTime(), Set.of("sun.rt.safepoints")))
                .isEmpty();
    }

    @Test
    void aFileNotUnderTmpIsFoundInTheJvmsTemporaryDirectory(@TempDir Path temporary) throws Exception {
        long pid = Long.MAX_VALUE;
        Path file = Files.createDirectories(temporary.resolve("hsperfdata_someone")).resolve(Long.toString(pid));
        Files.write(file, perfData(ByteOrder.LITTLE_ENDIAN, Map.of("sun.rt.safepoints", 12L)).array());
        String before = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", temporary.toString());
        try {
            assertThat(JvmCounters.read(pid, "someone", Set.of("sun.rt.safepoints"))).contains(Map.of("sun.rt.safepoints", 12L));
        } finally {
            System.setProperty("java.io.tmpdir", before);
        }
    }

    @Test
    void readsLongCountersInEitherByteOrderAndSkipsTheOthers() {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            ByteBuffer file = perfData(order, Map.of("sun.rt.safepoints", 627L, "sun.os.hrt.frequency", 1_000_000_000L));

            assertThat(JvmCounters.parse(file, Set.of("sun.rt.safepoints", "sun.os.hrt.frequency", "sun.rt.vmInitDoneTime")))
                    .as("%s", order)
                    .containsExactlyInAnyOrderEntriesOf(Map.of("sun.rt.safepoints", 627L, "sun.os.hrt.frequency", 1_000_000_000L));
        }
    }

    @Test
    void refusesAFileThatIsNotPerfData() {
        assertThatThrownBy(() -> JvmCounters.parse(ByteBuffer.allocate(64), Set.of("sun.rt.safepoints")))
                .isInstanceOf(IllegalArgumentException.class);
        ByteBuffer anotherLayout = perfData(ByteOrder.LITTLE_ENDIAN, Map.of("sun.rt.safepoints", 627L));
        anotherLayout.put(5, (byte) 3);
        assertThatThrownBy(() -> JvmCounters.parse(anotherLayout, Set.of("sun.rt.safepoints")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 3");
    }

    @Test
    void aStepCountsOnlyJvmsThatLivedThroughIt() {
        Map<String, Stopped> before = new LinkedHashMap<>();
        before.put("command-service", new Stopped(Duration.ofMillis(400), 10));
        before.put("query-service", new Stopped(Duration.ofMillis(900), 40));
        Map<String, Stopped> after = new LinkedHashMap<>();
        after.put("command-service", new Stopped(Duration.ofMillis(1_400), 30));
        after.put("query-service", new Stopped(Duration.ofMillis(100), 2));
        after.put("conflict-detector", new Stopped(Duration.ofMillis(50), 1));

        assertThat(StackPauses.spent(before, after))
                .as("query-service restarted, conflict-detector started during the step")
                .containsExactlyEntriesOf(Map.of("command-service", new Stopped(Duration.ofMillis(1_000), 20)));
    }

    @Test
    void describesEachRolesShareOfTheStepLongestFirst() {
        Map<String, Stopped> spent = new LinkedHashMap<>();
        spent.put("command-service", new Stopped(Duration.ofMillis(600), 6));
        spent.put("query-service", new Stopped(Duration.ofMillis(4_200), 21));
        spent.put(StackCpu.LOAD_GENERATOR, new Stopped(Duration.ZERO, 0));

        assertThat(StackPauses.describe(spent, Duration.ofSeconds(60)))
                .isEqualTo("query-service 7.0% (21, mean 200.0 ms), command-service 1.0% (6, mean 100.0 ms), "
                        + StackCpu.LOAD_GENERATOR + " 0.0% (0, mean 0.0 ms)");
        assertThat(StackPauses.describe(Map.of(), Duration.ofSeconds(60))).startsWith("n/a");
    }

    /** A perf data file as HotSpot lays it out: the prologue, then one 8-byte counter per name and a string entry. */
    private static ByteBuffer perfData(ByteOrder order, Map<String, Long> counters) {
        ByteBuffer file = ByteBuffer.allocate(4096);
        file.order(ByteOrder.BIG_ENDIAN).putInt(0, 0xcafec0c0);
        file.put(4, (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 0));
        file.put(5, (byte) 2);
        file.order(order);
        int entry = 32;
        file.putInt(24, entry);
        file.putInt(28, counters.size() + 1);
        entry = entry(file, entry, "java.property.java.vm.name", 'B', "OpenJDK 64-Bit Server VM".getBytes(StandardCharsets.US_ASCII));
        for (Map.Entry<String, Long> counter : counters.entrySet()) {
            byte[] value = ByteBuffer.allocate(8).order(order).putLong(counter.getValue()).array();
            entry = entry(file, entry, counter.getKey(), 'J', value);
        }
        return file;
    }

    private static int entry(ByteBuffer file, int at, String name, char type, byte[] value) {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        int nameOffset = 20;
        int dataOffset = (nameOffset + nameBytes.length + 7) / 8 * 8;
        int length = dataOffset + value.length;
        file.putInt(at, length);
        file.putInt(at + 4, nameOffset);
        file.putInt(at + 8, type == 'J' ? 0 : value.length);
        file.put(at + 12, (byte) type);
        file.putInt(at + 16, dataOffset);
        file.put(at + nameOffset, nameBytes);
        file.put(at + dataOffset, value);
        return at + length;
    }
}
