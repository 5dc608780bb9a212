package dev.almanac.query.bench;

import java.lang.management.ManagementFactory;

import com.sun.management.OperatingSystemMXBean;

/** The CPU this JVM has used, every thread's, for the module's benchmarks. */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    public static long nanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
