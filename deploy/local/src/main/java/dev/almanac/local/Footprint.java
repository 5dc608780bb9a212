package dev.almanac.local;

import java.util.Collection;
import java.util.OptionalLong;

import dev.almanac.tools.processes.ProcessMemory;

/**
 * Resident memory of a set of processes, from /proc. Each process counts its proportional share of the pages it shares
 * (Linux's Pss), so that PostgreSQL's shared buffers, resident in every one of its processes, count once and not once a
 * connection; where the kernel does not give that share, a process counts its whole resident set.
 */
public final class Footprint {

    private Footprint() {
    }

    /** @return resident memory of {@code processes} in MiB, or -1 where none of them could be read (no /proc) */
    public static long residentMebibytes(Collection<ProcessHandle> processes) {
        long kibibytes = 0;
        boolean anyRead = false;
        for (ProcessHandle process : processes) {
            OptionalLong resident = residentKibibytes(process.pid());
            if (resident.isPresent()) {
                kibibytes += resident.getAsLong();
                anyRead = true;
            }
        }
        return anyRead ? kibibytes / 1024 : -1;
    }

    /** Empty for a process that has ended, or where /proc is not there. */
    static OptionalLong residentKibibytes(long pid) {
        OptionalLong proportional = ProcessMemory.proportionalKibibytes(pid);
        return proportional.isPresent() ? proportional : ProcessMemory.residentKibibytes(pid);
    }
}
