package dev.almanac.query.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import dev.almanac.embedded.MongoWireServer;

/**
 * mongo-java-server in a JVM of its own, as the local stack runs it (in the launcher, not in
 * query-service). In the benchmark's own JVM, the store's 2 GB of documents share the service's
 * heap, and the young collections that walk it paused the service 50 to 220 ms at a time: pauses
 * that the deployed service, whose heap holds only its own objects, does not have.
 */
final class MongoProcess implements AutoCloseable {

    private static final String READY = "mongo-process listening on ";

    private final Process process;
    private final String connectionString;

    private MongoProcess(Process process, String connectionString) {
        this.process = process;
        this.connectionString = connectionString;
    }

    /** Starts the server in a child JVM with {@code heap} (e.g. {@code 6g}) and waits until it listens. */
    static MongoProcess start(String heap) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Process process = new ProcessBuilder(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), MongoProcess.class.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.startsWith(READY)) {
                    return new MongoProcess(process, line.substring(READY.length()));
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

    /** The CPU time the child JVM has used so far. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time for the MongoDB process"))
                .toNanos();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The child: serves until its parent closes its standard input or destroys it. */
    public static void main(String[] arguments) throws IOException {
        MongoWireServer server = MongoWireServer.start(null, 0);
        System.out.println(READY + server.connectionString());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Waits for the parent to go away.
        }
        server.close();
    }
}
