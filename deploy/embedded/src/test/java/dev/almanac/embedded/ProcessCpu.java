package dev.almanac.embedded;

import java.lang.management.ManagementFactory;

import com.sun.management.OperatingSystemMXBean;

/** The CPU this JVM has used, every thread's, for the module's benchmarks. */
final class ProcessCpu {

    private ProcessCpu() {
    }

    static long nanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
