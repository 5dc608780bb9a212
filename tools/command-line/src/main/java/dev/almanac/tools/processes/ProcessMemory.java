package dev.almanac.tools.processes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A process's memory as Linux's /proc gives it, in KiB: its resident set (VmRSS), and its proportional set (Pss), which
 * counts each page shared with other processes (PostgreSQL's shared buffers, in each of its backends) by its share.
 * Empty for a process that has ended, or where /proc is not there.
 */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    public static OptionalLong residentKibibytes(long pid) {
        return field(proc(pid).resolve("status"), "VmRSS:");
    }

    public static OptionalLong proportionalKibibytes(long pid) {
        return field(proc(pid).resolve("smaps_rollup"), "Pss:");
    }

    private static Path proc(long pid) {
        return Path.of("/proc", Long.toString(pid));
    }

    private static OptionalLong field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return OptionalLong.of(Long.parseLong(line.substring(name.length()).replaceAll("[^0-9]", "")));
                }
            }
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException unreadable) {
            return OptionalLong.empty();
        }
    }
}
