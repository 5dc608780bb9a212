package dev.almanac.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Resident memory of this process and every process it started (services, PostgreSQL), from /proc. */
public final class Footprint {

    private Footprint() {
    }

    /** @return total resident set size in MiB, or -1 where /proc is not available */
    public static long residentMebibytes() {
        ProcessHandle self = ProcessHandle.current();
        long kibibytes = Stream.concat(Stream.of(self), self.descendants())
                .mapToLong(process -> residentKibibytes(process.pid()))
                .sum();
        return kibibytes < 0 ? -1 : kibibytes / 1024;
    }

    private static long residentKibibytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        } catch (IOException | NumberFormatException gone) {
            return 0;
        }
    }
}
