package dev.almanac.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used by the JIT compiler threads of each JVM of a local stack ({@link StackCpu#processes()}), read per
 * thread from Linux's {@code /proc/<pid>/task/<tid>/schedstat} (time on a CPU, in nanoseconds). A stack started a
 * minute ago still compiles: on two cores its seven JVMs' compilers took a quarter of the machine in the first
 * measured minute, and a step measured then says how fast the stack warms up, not what it sustains. So the
 * warm-up lasts until the compilers have gone quiet, and every step reports what they took. PostgreSQL, not a JVM,
 * has none; on a system without {@code /proc} every reading is empty. Two readings are subtracted by
 * {@link StackCpu#spent}: a compiler thread that ends takes its time with it (HotSpot stops idle ones beyond the
 * first of each compiler, on machines with more than a few cores), and a role whose reading fell counts nothing.
 */
final class StackCompilers {

    private StackCompilers() {
    }

    /** CPU used so far by the compiler threads of each role's JVMs; a role without any is left out. */
    static Map<String, Duration> read(Map<String, List<ProcessHandle>> stack) {
        Map<String, Duration> byRole = new LinkedHashMap<>();
        stack.forEach((role, processes) -> {
            if (!role.equals(StackCpu.POSTGRES)) {
                processes.forEach(process -> {
                    Duration compiling = of(Path.of("/proc", Long.toString(process.pid()), "task"));
                    if (!compiling.isZero()) {
                        byRole.merge(role, compiling, Duration::plus);
                    }
                });
            }
        });
        return byRole;
    }

    /** The CPU so far of the compiler threads among the tasks (threads) under {@code tasks}, a {@code /proc/<pid>/task}. */
    static Duration of(Path tasks) {
        if (!Files.isDirectory(tasks)) {
            return Duration.ZERO;
        }
        long nanos = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                nanos += compilerNanos(thread);
            }
        } catch (IOException | UncheckedIOException gone) {
            // The process ended while it was read: what was read so far stands.
        }
        return Duration.ofNanos(nanos);
    }

    private static long compilerNanos(Path thread) {
        try {
            if (!isCompiler(Files.readString(thread.resolve("comm")).strip())) {
                return 0;
            }
            String schedstat = Files.readString(thread.resolve("schedstat")).strip();
            return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** HotSpot's compiler threads, named {@code C1 CompilerThread0}, {@code C2 CompilerThread1}…, cut to 15 characters by Linux. */
    static boolean isCompiler(String threadName) {
        return threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre");
    }

    /** The cores the compilers of all roles used on average over {@code elapsed}. */
    static double cores(Map<String, Duration> spent, Duration elapsed) {
        long nanos = spent.values().stream().mapToLong(Duration::toNanos).sum();
        return elapsed.isZero() ? 0 : (double) nanos / elapsed.toNanos();
    }

    /** One line: the cores the compilers used over {@code elapsed}, in all and per role, the busiest first. */
    static String describe(Map<String, Duration> spent, Duration elapsed) {
        if (spent.isEmpty() || elapsed.isZero()) {
            return "n/a (no compiler threads found)";
        }
        StringBuilder text = new StringBuilder(String.format("%.2f cores of %d", cores(spent, elapsed),
                Runtime.getRuntime().availableProcessors()));
        String separator = " (";
        for (Map.Entry<String, Duration> role : spent.entrySet().stream()
                .sorted((a, b) -> b.getValue().compareTo(a.getValue())).toList()) {
            text.append(separator).append(String.format("%s %.2f", role.getKey(),
                    (double) role.getValue().toNanos() / elapsed.toNanos()));
            separator = ", ";
        }
        return text.append(')').toString();
    }
}
