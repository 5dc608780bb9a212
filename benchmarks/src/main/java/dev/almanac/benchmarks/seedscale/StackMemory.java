package dev.almanac.benchmarks.seedscale;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.almanac.benchmarks.load.LocalStackDefaults;
import dev.almanac.tools.processes.ProcessMemory;

/**
 * The resident memory of every process of a local stack, by name, from {@code /proc}: VmRSS, and Pss, which counts
 * pages shared between processes (PostgreSQL's shared buffers, in each of its backends) once. The stack is its
 * launcher and the launcher's descendants, and the PostgreSQL server that {@code pg_ctl} detached from it.
 */
final class StackMemory {

    static final String LAUNCHER = "launcher (Kafka, MongoDB, gateway)";
    static final String READ_MODELS = "read-model MongoDB";
    /** Every service in one JVM (ADR 0099). */
    static final String SERVICES_HOST = "services host";
    static final String POSTGRES = "PostgreSQL";
    private static final List<String> SERVICES = List.of("command-service", "query-service", "conflict-detector", "rule-expander");

    private StackMemory() {
    }

    /** One name's processes: their count and summed VmRSS and Pss, in KiB. */
    record Usage(int processes, long rssKib, long pssKib) {

        Usage plus(Usage other) {
            return new Usage(processes + other.processes, rssKib + other.rssKib, pssKib + other.pssKib);
        }

        long rssMib() {
            return rssKib / 1024;
        }

        long pssMib() {
            return pssKib / 1024;
        }
    }

    /**
     * @param launcher   the stack's launcher
     * @param postmaster picks PostgreSQL's server out of a command line
     * @return each name's usage, in the order above; empty where {@code /proc} cannot be read
     */
    static Map<String, Usage> read(ProcessHandle launcher, Predicate<String> postmaster) {
        Map<String, Usage> byName = new LinkedHashMap<>();
        add(byName, LAUNCHER, launcher);
        launcher.descendants().forEach(process -> add(byName, nameOf(commandLine(process)), process));
        ProcessHandle.allProcesses().filter(process -> postmaster.test(commandLine(process))).findFirst()
                .ifPresent(server -> Stream.concat(Stream.of(server), server.descendants()).forEach(process -> add(byName, POSTGRES, process)));
        return byName;
    }

    /** The launcher of a stack already running on this machine: {@code almanac-local.jar}, not its read models' MongoDB. */
    static Optional<ProcessHandle> runningLauncher() {
        return ProcessHandle.allProcesses().filter(process -> {
            String command = commandLine(process);
            return LocalStackDefaults.isLauncher(command);
        }).findFirst();
    }

    /** PostgreSQL's server of the stack whose home is {@code home}: {@code …/bin/postgres -D <home>/postgres …}. */
    static Predicate<String> postmasterOf(Path home) {
        return command -> command.contains("bin/postgres ") && command.contains(" -D " + home.resolve("postgres") + " ");
    }

    /** PostgreSQL's server on the local stack's port, for a stack whose home is not known. */
    static Predicate<String> postmasterOnLocalPort() {
        return command -> command.contains("bin/postgres ") && (" " + command + " ").contains(" -p " + LocalStackDefaults.POSTGRES_PORT + " ");
    }

    static String nameOf(String commandLine) {
        if (commandLine.contains(LocalStackDefaults.SERVICES_HOST_MAIN)) {
            return SERVICES_HOST;
        }
        return SERVICES.stream().filter(service -> commandLine.contains(service + ".jar")).findFirst()
                .orElse(commandLine.contains(LocalStackDefaults.READ_MODEL_STORE_MAIN) ? READ_MODELS
                        : commandLine.contains("postgres") ? POSTGRES
                        : "other: " + commandLine.split(" ", 2)[0]);
    }

    private static void add(Map<String, Usage> byName, String name, ProcessHandle process) {
        OptionalLong rss = ProcessMemory.residentKibibytes(process.pid());
        if (rss.isEmpty()) {
            return;
        }
        long pss = ProcessMemory.proportionalKibibytes(process.pid()).orElse(rss.getAsLong());
        byName.merge(name, new Usage(1, rss.getAsLong(), pss), Usage::plus);
    }

    private static String commandLine(ProcessHandle process) {
        return process.info().commandLine().orElse("");
    }
}
