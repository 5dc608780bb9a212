package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The stack's resident memory: every process once, and the pages they share once. */
class FootprintTest {

    private static final int SHARED_BYTES = 64 << 20;
    private static final long MEBIBYTE_KIB = 1024;

    @Test
    void pagesTwoProcessesShareCountOnceAndNotOnceAProcess() throws Exception {
        Path sharedMemory = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(sharedMemory) && Files.exists(Path.of("/proc/self/smaps_rollup")),
                "proportional shares are read from Linux's /proc");
        Path shared = Files.createTempFile(sharedMemory, "almanac-footprint-", ".bin");
        Process child = TestJvms.start(SharingChild.class, shared.toString());
        try (FileChannel channel = FileChannel.open(shared, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo("ready");
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, SHARED_BYTES);
            touchEveryPage(mapped);

            long wholeResidentSets = wholeResidentKibibytes(ProcessHandle.current().pid()) + wholeResidentKibibytes(child.pid());
            long counted = Footprint.residentMebibytes(List.of(ProcessHandle.current(), child.toHandle()));

            // Each process holds all 64 MiB; summed whole, they count twice. Their shares count them once.
            assertThat(counted).isPositive()
                    .isLessThanOrEqualTo(wholeResidentSets / MEBIBYTE_KIB - (SHARED_BYTES >> 20) * 3 / 4);
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(shared);
        }
    }

    @Test
    void aProcessThatEndedCountsForNothingAndNoneReadableIsUnknown() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "resident memory is read from Linux's /proc");
        Process ended = TestJvms.ended();

        long self = Footprint.residentMebibytes(List.of(ProcessHandle.current()));

        assertThat(self).isPositive();
        assertThat(Footprint.residentMebibytes(List.of(ProcessHandle.current(), ended.toHandle()))).isBetween(self - 16, self + 16);
        assertThat(Footprint.residentMebibytes(List.of(ended.toHandle()))).isEqualTo(-1);
        assertThat(Footprint.residentMebibytes(List.of())).isEqualTo(-1);
    }

    private static long wholeResidentKibibytes(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst().orElseThrow();
    }

    private static void touchEveryPage(MappedByteBuffer mapped) {
        for (int offset = 0; offset < mapped.capacity(); offset += 4096) {
            mapped.put(offset, (byte) 1);
        }
        mapped.put(mapped.capacity() - 1, (byte) 1);
    }

    /** Maps the file it is given, writes every page of it, prints "ready", and holds the mapping until its input ends. */
    static final class SharingChild {
        public static void main(String[] args) throws Exception {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, SHARED_BYTES);
                touchEveryPage(mapped);
                System.out.println("ready");
                System.out.flush();
                System.in.read();
            }
        }
    }
}
