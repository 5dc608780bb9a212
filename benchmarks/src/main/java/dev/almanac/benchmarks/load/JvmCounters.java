package dev.almanac.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The performance counters a HotSpot JVM publishes about itself in {@code /tmp/hsperfdata_<user>/<pid>} (on macOS
 * under the user's temporary directory), the file {@code jstat} and {@code jcmd PerfCounter.print} read. Reading
 * the file costs the JVM nothing, where {@code jcmd} would start a JVM per reading on a machine the benchmark keeps
 * busy. The JDK's own reader ({@code sun.jvmstat.monitor}) is not exported from its module, so the layout is read
 * here: a prologue (magic {@code 0xcafec0c0}, big-endian; then the byte order of the rest, the layout's version,
 * the offset of the first entry and the number of entries), then entries that each give their length, the offset
 * of their NUL-terminated name, their type ({@code 'J'} for a 64-bit counter) and the offset of their value.
 */
final class JvmCounters {

    private static final int MAGIC = 0xcafec0c0;
    private static final byte LITTLE_ENDIAN = 1;
    /** The layout read here, which JDK 17 and 25 write. */
    private static final byte MAJOR_VERSION = 2;

    private JvmCounters() {
    }

    /**
     * These 64-bit counters of the JVM with this pid, run by this user; empty if it publishes none (not a
     * HotSpot JVM, {@code -XX:-UsePerfData}, or another user's file).
     */
    static Optional<Map<String, Long>> read(long pid, String user, Set<String> names) {
        // HotSpot writes under /tmp on Linux whatever java.io.tmpdir says, and under the user's temporary directory on macOS.
        for (String directory : new LinkedHashSet<>(List.of("/tmp", System.getProperty("java.io.tmpdir")))) {
            Path file = Path.of(directory, "hsperfdata_" + user, Long.toString(pid));
            try {
                return Optional.of(parse(ByteBuffer.wrap(Files.readAllBytes(file)), names));
            } catch (IOException | RuntimeException unreadable) {
                // the next directory, if any
            }
        }
        return Optional.empty();
    }

    /** @throws IllegalArgumentException when the buffer is not a perf data file */
    static Map<String, Long> parse(ByteBuffer data, Set<String> names) {
        if (data.order(ByteOrder.BIG_ENDIAN).getInt(0) != MAGIC) {
            throw new IllegalArgumentException("not a HotSpot perf data file");
        }
        if (data.get(5) != MAJOR_VERSION) {
            throw new IllegalArgumentException("perf data of version " + data.get(5) + ", not " + MAJOR_VERSION);
        }
        data.order(data.get(4) == LITTLE_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int entry = data.getInt(24);
        int entries = data.getInt(28);
        Map<String, Long> found = new HashMap<>();
        for (int i = 0; i < entries && found.size() < names.size(); i++) {
            int length = data.getInt(entry);
            if (length <= 0) {
                break;
            }
            String name = cString(data, entry + data.getInt(entry + 4));
            boolean scalarLong = data.getInt(entry + 8) == 0 && data.get(entry + 12) == 'J';
            if (scalarLong && names.contains(name)) {
                found.put(name, data.getLong(entry + data.getInt(entry + 16)));
            }
            entry += length;
        }
        return found;
    }

    private static String cString(ByteBuffer data, int offset) {
        int end = offset;
        while (data.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - offset];
        data.get(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
