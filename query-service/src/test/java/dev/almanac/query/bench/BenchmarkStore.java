package dev.almanac.query.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoServer;
import org.jspecify.annotations.Nullable;

import dev.almanac.embedded.LeanMemoryBackend;
import dev.almanac.embedded.MongoWireServer;
import dev.almanac.embedded.ProcessCpu;

/**
 * Where a read benchmark's read models are served from: by default mongo-java-server in a JVM of
 * its own, as the local stack runs it (in the launcher, not in query-service);
 * {@code -Dalmanac.bench.mongo=in-process} puts it in the benchmark's JVM. In one JVM the store's
 * gigabytes share the service's heap, and the young collections that walk them paused the
 * service 50 to 220 ms at a time: pauses that the deployed service, whose heap holds only its own
 * objects, does not have. The CPU a benchmark reports per request is {@link #cpuNanosWithThisJvm()}.
 */
final class BenchmarkStore implements AutoCloseable {

    private static final String READY = "benchmark store listening on ";
    /** What the parent writes to the child's standard input to learn its heap after a full collection. */
    private static final String HEAP = "heap";

    private final @Nullable Process process;
    private final @Nullable BufferedReader processOutput;
    private final @Nullable MongoWireServer inProcess;
    private final String connectionString;
    private final String heap;

    private BenchmarkStore(@Nullable Process process, @Nullable BufferedReader processOutput, @Nullable MongoWireServer inProcess,
            String connectionString, String heap) {
        this.process = process;
        this.processOutput = processOutput;
        this.inProcess = inProcess;
        this.connectionString = connectionString;
        this.heap = heap;
    }

    /** The store {@code almanac.bench.mongo} asks for; a JVM of its own gets {@code heap} (e.g. {@code 6g}). */
    static BenchmarkStore start(String heap) {
        if ("in-process".equals(System.getProperty("almanac.bench.mongo", "process"))) {
            MongoWireServer server = MongoWireServer.start(null, 0);
            return new BenchmarkStore(null, null, server, server.connectionString(), "");
        }
        return inItsOwnJvm(heap);
    }

    private static BenchmarkStore inItsOwnJvm(String heap) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap));
            // Further options for the store's JVM, e.g. its collector's.
            command.addAll(Arrays.stream(System.getProperty("almanac.bench.mongo.options", "").split(" ")).filter(option -> !option.isBlank()).toList());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchmarkStore.class.getName()));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.startsWith(READY)) {
                    return new BenchmarkStore(process, output, null, line.substring(READY.length()), heap);
                }
            }
            throw new IllegalStateException("the MongoDB process ended before it listened: exit " + process.waitFor());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String connectionString() {
        return connectionString;
    }

    /** What the benchmark reports about where the store runs (the pid, for {@code jstat}). */
    String description() {
        return process == null ? "in the benchmark's JVM"
                : "a JVM of its own (pid " + process.pid() + ", -Xmx" + heap + " " + System.getProperty("almanac.bench.mongo.options", "") + ")";
    }

    /**
     * The store's JVM's heap in use after a full collection, in bytes; -1 in the benchmark's JVM,
     * whose own heap holds the store's data then.
     */
    long heapAfterGc() {
        if (process == null || processOutput == null) {
            return -1;
        }
        try {
            process.getOutputStream().write((HEAP + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            String line = processOutput.readLine();
            if (line == null || !line.startsWith(HEAP + " ")) {
                throw new IllegalStateException("the MongoDB process answered " + line + " when asked for its heap");
            }
            return Long.parseLong(line.substring(HEAP.length() + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The CPU time the benchmark's JVM (service, clients, loader) and the store have used so far: a store in the
     * benchmark's JVM is counted once, with it.
     */
    long cpuNanosWithThisJvm() {
        if (process == null) {
            return ProcessCpu.nanos();
        }
        return ProcessCpu.nanos() + process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("no CPU time for the MongoDB process")).toNanos();
    }

    @Override
    public void close() {
        if (inProcess != null) {
            inProcess.close();
        }
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The child: serves until its parent closes its standard input or destroys it, and answers
     * each line {@value #HEAP} with its heap in use after a full collection.
     */
    public static void main(String[] arguments) throws IOException {
        MongoServer server = new MongoServer(new LeanMemoryBackend());
        server.bind("127.0.0.1", 0);
        System.out.println(READY + "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        System.out.flush();
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = input.readLine(); line != null; line = input.readLine()) {
            if (line.equals(HEAP)) {
                System.gc();
                System.out.println(HEAP + " " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                System.out.flush();
            }
        }
        server.shutdown();
    }
}
