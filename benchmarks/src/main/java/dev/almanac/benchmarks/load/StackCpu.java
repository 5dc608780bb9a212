package dev.almanac.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time used by each process of a local stack running on this machine, read through
 * {@link ProcessHandle} (on Linux, {@code /proc/<pid>/stat}). Two readings around a run give the
 * CPU each process spent on it, and divided by the commands answered, the CPU one command costs
 * the whole stack: what bounds the rate a machine of N cores can sustain, whatever the latencies.
 *
 * <p>The stack is found as the launcher ({@code almanac-local.jar} not running the read models' MongoDB) and
 * its descendants, so other JVMs on the machine, such as test builds, are not counted. Its
 * PostgreSQL is not among them: {@code pg_ctl} detaches the server, whose postmaster then belongs
 * to init. It is found as the postmaster listening on the local stack's port, with its backends.
 */
final class StackCpu {

    static final String LAUNCHER = "launcher (Kafka, MongoDB, gateway)";
    static final String READ_MODELS = "read-model MongoDB";
    /** Every service in one JVM (ADR 0099). */
    static final String SERVICES_HOST = "services host";
    static final String POSTGRES = "PostgreSQL";
    static final String LOAD_GENERATOR = "load generator";
    private static final List<String> SERVICES = List.of("command-service", "query-service", "conflict-detector", "rule-expander");

    private StackCpu() {
    }

    /** Total CPU time so far per role of these {@link #processes()}. */
    static Map<String, Duration> read(Map<String, List<ProcessHandle>> stack) {
        Map<String, Duration> byRole = new LinkedHashMap<>();
        stack.forEach((role, processes) -> processes.forEach(process -> add(byRole, role, process)));
        return byRole;
    }

    /**
     * The processes of each role, the load generator (this JVM) last; only the load generator where no
     * local stack runs on this machine.
     */
    static Map<String, List<ProcessHandle>> processes() {
        Map<String, List<ProcessHandle>> byRole = new LinkedHashMap<>();
        Optional<ProcessHandle> launcher = ProcessHandle.allProcesses()
                .filter(process -> isLauncher(commandLine(process)))
                .findFirst();
        launcher.ifPresent(root -> {
            Set<Long> counted = new HashSet<>();
            byRole.computeIfAbsent(LAUNCHER, role -> new ArrayList<>()).add(root);
            root.descendants().forEach(process -> {
                String command = commandLine(process);
                Optional.of(SERVICES_HOST).filter(host -> command.contains(LocalStackDefaults.SERVICES_HOST_MAIN))
                        .or(() -> SERVICES.stream().filter(service -> command.contains(service + ".jar")).findFirst())
                        .or(() -> command.contains(LocalStackDefaults.READ_MODEL_STORE_MAIN) ? Optional.of(READ_MODELS) : Optional.empty())
                        .or(() -> command.contains("postgres") ? Optional.of(POSTGRES) : Optional.empty())
                        .ifPresent(role -> {
                            byRole.computeIfAbsent(role, key -> new ArrayList<>()).add(process);
                            counted.add(process.pid());
                        });
            });
            ProcessHandle.allProcesses().filter(process -> isLocalStackPostmaster(commandLine(process))).findFirst()
                    .ifPresent(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants())
                            .filter(process -> counted.add(process.pid()))
                            .forEach(process -> byRole.computeIfAbsent(POSTGRES, role -> new ArrayList<>()).add(process)));
        });
        byRole.put(LOAD_GENERATOR, List.of(ProcessHandle.current()));
        return byRole;
    }

    /**
     * The CPU each role spent between two readings. A process or thread that ended between them takes its time out
     * of the later reading (a PostgreSQL backend, an idle compiler thread), so a role whose reading fell counts
     * nothing rather than a negative time: an undercount for that step.
     */
    static Map<String, Duration> spent(Map<String, Duration> before, Map<String, Duration> after) {
        Map<String, Duration> spent = new LinkedHashMap<>();
        after.forEach((role, total) -> {
            Duration used = total.minus(before.getOrDefault(role, Duration.ZERO));
            spent.put(role, used.isNegative() ? Duration.ZERO : used);
        });
        return spent;
    }

    /**
     * One line: milliseconds of CPU per answered command for each role, their sum for the stack
     * (the load generator apart), and the rate that sum allows on this machine's cores if nothing
     * else ran and every core were busy.
     */
    static String perCommand(Map<String, Duration> spent, long answered) {
        if (answered == 0 || spent.size() <= 1) {
            return "n/a (no local stack found on this machine)";
        }
        StringBuilder text = new StringBuilder();
        double stack = 0;
        for (Map.Entry<String, Duration> entry : spent.entrySet()) {
            double millis = entry.getValue().toNanos() / 1e6 / answered;
            if (!entry.getKey().equals(LOAD_GENERATOR)) {
                stack += millis;
            }
            text.append(text.isEmpty() ? "" : ", ").append(entry.getKey()).append(String.format(" %.2f", millis));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format("%s; stack %.2f ms per command, so at most %.0f commands/s on %d cores at 100%% CPU",
                text, stack, cores * 1000 / stack, cores);
    }

    private static void add(Map<String, Duration> byRole, String role, ProcessHandle process) {
        process.info().totalCpuDuration().ifPresent(cpu -> byRole.merge(role, cpu, Duration::plus));
    }

    /** The launcher of a local stack: {@code almanac-local.jar}, not running the read models' MongoDB that it started. */
    static boolean isLauncher(String commandLine) {
        return LocalStackDefaults.isLauncher(commandLine);
    }

    /** A PostgreSQL server ({@code …/bin/postgres -D <dir> -p <port> …}) on the local stack's port. */
    static boolean isLocalStackPostmaster(String commandLine) {
        return commandLine.contains("bin/postgres ") && (" " + commandLine + " ").contains(" -p " + LocalStackDefaults.POSTGRES_PORT + " ");
    }

    private static String commandLine(ProcessHandle process) {
        return process.info().commandLine().orElse("");
    }
}
