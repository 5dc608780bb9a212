package dev.almanac.embedded;

import java.lang.management.ManagementFactory;

import com.sun.management.OperatingSystemMXBean;

/** The CPU this JVM has used, every thread's: what the benchmarks of every module divide by their work. */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    public static long nanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
