package dev.almanac.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.embedded.LeanMemorySnapshot;
import dev.almanac.embedded.MongoWireServer;
import dev.almanac.platform.lifecycle.ExitWithParent;
import dev.almanac.tools.commandline.CommandOptions;

/**
 * The read models' MongoDB (in memory, rebuilt from the topics unless a clean stop kept them: ADR 0014, 0100) in a JVM
 * of its own, as a MongoDB is a process of its own in production.
 *
 * <p>In the launcher's JVM its documents shared a heap with the gateway and the broker. Every
 * document query-service writes replaces a stored one, so under load that heap promoted a steady
 * stream of new documents and scanned the old ones' references at every young collection: at
 * 500 commands/s the launcher paused for 100 to 200 ms every 9 s, and every command crosses the
 * gateway twice and the broker once. Here those pauses fall on the read models alone. See ADR 0065.
 *
 * <p>Given a snapshot file, the store writes its documents there when it is stopped (SIGTERM, Ctrl-C, the launcher's
 * {@link #close}) and reads them back at its next start, if the file is stamped with the build of query-service that
 * runs now ({@link ProjectionStamp}); a start takes the file away, so a store that ends any other way leaves none
 * (ADR 0100). Once {@link #supervise supervised}, a store that ends on its own is started again on its port, as a
 * service is ({@link ServiceProcess}: the same backoff, logged the same way). It comes back empty, and query-service,
 * finding the store emptied under it, rebuilds the read models from the topics (ADR 0014).
 */
public final class ReadModelStore implements AutoCloseable {

    /** The name of its log, {@code <name>.log}, and of its options' errors. */
    static final String NAME = "read-model-store";
    /** Spring Boot's launcher of an executable jar that runs the main class {@code loader.main} names. */
    private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";
    /**
     * G1 aimed at short pauses: the store's young collections copy the documents written since the
     * last one, so a smaller young generation, collected more often, keeps each pause short. On
     * Linux, the heap in transparent huge pages as well ({@link #javaOptions}).
     */
    static final List<String> JAVA_OPTIONS = javaOptions(System.getProperty("os.name", ""));
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /**
     * How long a stop may take before the store is killed: long enough to write the snapshot, which at seed scale is
     * gigabytes (ADR 0100). Killed, it leaves none, and the next start rebuilds.
     */
    static final Duration STOP_GRACE = Duration.ofSeconds(120);

    private static final Logger logger = LoggerFactory.getLogger(ReadModelStore.class);
    private static final ScheduledExecutorService RESTARTS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-store-restarts");
        thread.setDaemon(true);
        return thread;
    });

    /** The store's JVM as it runs now: {@link #restart} and the supervision replace it with one on the same port. */
    private volatile Process process;
    private final int port;
    private final ProcessBuilder builder;
    private final Path log;
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile Instant startedAt = Instant.now();
    private volatile Duration backoff = ServiceProcess.FIRST_BACKOFF;
    private volatile boolean supervised;
    /** Set while the launcher itself stops the store: for good ({@link #close}) or to start it again ({@link #restart}). */
    private volatile boolean stopping;

    private ReadModelStore(Process process, int port, ProcessBuilder builder, Path log) {
        this.process = process;
        this.port = port;
        this.builder = builder;
        this.log = log;
    }

    /**
     * The store's heap grows with the read models, and every 4 KiB page it takes for the first time is
     * a page fault: 12 µs each in a paravirtualised guest, against under 0.3 µs a 4 KiB page taken as part
     * of a 2 MiB huge page. With huge pages the store spent 21–25 % less CPU a command at 300 commands/s
     * (EPYC-2.1, 2026-11-29; {@code git show 2da738d:docs/benchmarks.md}, "What EPYC-2.1's guest kernel
     * charges…"). The JVM knows the option only on Linux; where the kernel offers no huge pages it warns and goes on.
     */
    static List<String> javaOptions(String osName) {
        List<String> options = new ArrayList<>(List.of("-XX:MaxGCPauseMillis=25", "-XX:MetaspaceSize=64m"));
        if (osName.startsWith("Linux")) {
            options.add("-XX:+UseTransparentHugePages");
        }
        return List.copyOf(options);
    }

    /** Starts the store's JVM on this loopback port, in memory only; {@link #awaitListening()} waits until it accepts connections. */
    static ReadModelStore launch(Path logDirectory, List<String> javaOptions, int port) {
        return launch(logDirectory, javaOptions, port, null);
    }

    /**
     * As {@link #launch(Path, List, int)}, and with a snapshot, read from it if it is there and of this stamp, and written to
     * it when stopped.
     */
    static ReadModelStore launch(Path logDirectory, List<String> javaOptions, int port, @Nullable Snapshot snapshot) {
        List<String> command = ChildJvms.javaCommand();
        command.addAll(javaOptions);
        List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(port)));
        if (snapshot != null) {
            arguments.addAll(List.of("--snapshot", snapshot.file().toString(), "--stamp", snapshot.stamp()));
        }
        command.addAll(mainOfThisJar(ReadModelStore.class, arguments.toArray(String[]::new)));
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(NAME + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            return new ReadModelStore(builder.start(), port, builder, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the read models' MongoDB", e);
        }
    }

    /** Where the read models are kept between a clean stop and the next start, and the build of query-service they hold. */
    record Snapshot(Path file, String stamp) {

        /** The local stack's: in the home, beside rule-expander's store; stamped with query-service's jar. */
        static Snapshot inHome(Path dataDirectory, Path queryServiceJar) {
            return new Snapshot(dataDirectory.resolve("mongo").resolve(SNAPSHOT_FILE), ProjectionStamp.of(queryServiceJar));
        }
    }

    /** The snapshot's name in the home's {@code mongo} directory; deleting it makes the next start rebuild the read models. */
    static final String SNAPSHOT_FILE = "read-models.snapshot";

    /**
     * The arguments that run {@code main} of this launcher's code with {@code args}: from its executable jar when it runs
     * from one ({@code java -jar almanac-local.jar}), through Spring Boot's launcher with {@code loader.main}; else from
     * its class path (tests).
     */
    static List<String> mainOfThisJar(Class<?> main, String... args) {
        String classPath = System.getProperty("java.class.path");
        boolean executableJar = ReadModelStore.class.getClassLoader().getClass().getName().startsWith("org.springframework.boot.loader");
        List<String> command = new ArrayList<>(executableJar
                ? List.of("-Dloader.main=" + main.getName(), "-cp", classPath, PROPERTIES_LAUNCHER)
                : List.of("-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    void awaitListening() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the read models' MongoDB exited with " + process.exitValue()
                        + "; see its log, " + NAME + ".log");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYetListening) {
                pause();
            }
        }
        close();
        throw new IllegalStateException("the read models' MongoDB did not listen within " + READY_TIMEOUT);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the read models' MongoDB", e);
        }
    }

    ProcessHandle process() {
        return process.toHandle();
    }

    /**
     * From now on a store that ends on its own is started again, after {@link ServiceProcess#FIRST_BACKOFF}, doubling
     * with each restart up to {@link ServiceProcess#MAX_BACKOFF}, and from the first again once it ran
     * {@link ServiceProcess#STABLE_RUN}. Begun once it listened, so that one that cannot start fails the stack's start.
     */
    void supervise() {
        supervised = true;
        superviseCurrent();
    }

    private void superviseCurrent() {
        Process watched = process;
        watched.onExit().thenRun(() -> {
            if (stopping || watched != process) {
                return;
            }
            Duration ran = Duration.between(startedAt, Instant.now());
            Duration delay = ServiceProcess.delayBeforeRestart(ran, backoff);
            backoff = delay.multipliedBy(2).compareTo(ServiceProcess.MAX_BACKOFF) > 0 ? ServiceProcess.MAX_BACKOFF : delay.multipliedBy(2);
            int restart = restarts.incrementAndGet();
            logger.warn("{} (pid {}) exited with {} after {} s; restarting it in {} s (restart {}), empty: query-service "
                    + "rebuilds the read models; its log: {}", NAME, watched.pid(), watched.exitValue(), ran.toSeconds(),
                    delay.toMillis() / 1000.0, restart, log);
            RESTARTS.schedule(this::restartAfterExit, delay.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void restartAfterExit() {
        try {
            synchronized (this) {
                if (stopping) {
                    return;
                }
                Files.writeString(log, "%n--- %s: restarted by the launcher (restart %d) ---%n".formatted(Instant.now(), restarts.get()),
                        StandardOpenOption.APPEND, StandardOpenOption.CREATE);
                process = builder.start();
                startedAt = Instant.now();
            }
            logger.info("{} restarted (pid {})", NAME, process.pid());
            superviseCurrent();
        } catch (IOException failed) {
            logger.error("{} could not be restarted; trying again in {} s", NAME, backoff.toSeconds(), failed);
            RESTARTS.schedule(this::restartAfterExit, backoff.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** How many times the launcher started it again after it ended on its own. */
    int restarts() {
        return restarts.get();
    }

    /**
     * Stops the store's JVM, runs {@code whileDown}, and starts it again on the same port: with a snapshot, holding what it
     * held (ADR 0100), else empty, and query-service rebuilds the read models from the topics (ADR 0014). Returns once the
     * new store accepts connections.
     */
    synchronized void restart(Runnable whileDown) {
        stopping = true;
        ChildJvms.stop(process, STOP_GRACE);
        try {
            whileDown.run();
        } finally {
            try {
                process = builder.start();
                startedAt = Instant.now();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the read models' MongoDB again", e);
            } finally {
                stopping = false;
            }
            if (supervised) {
                superviseCurrent();
            }
        }
        awaitListening();
    }

    String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    /** Stops the store for good: it is not started again. */
    @Override
    public void close() {
        Process current;
        synchronized (this) {
            stopping = true;
            current = process;
        }
        ChildJvms.stop(current, STOP_GRACE);
    }

    /**
     * The child's side: {@code --port N} serves in memory until the JVM is asked to stop; with {@code --snapshot FILE
     * --stamp S} it starts from the snapshot (and deletes it) and writes it again when asked to stop.
     */
    public static void main(String[] args) throws InterruptedException {
        CommandOptions options = CommandOptions.parse(NAME, List.of(args), Set.of("port", "snapshot", "stamp"), Set.of());
        int port = options.number("port", 1, 0);
        String snapshot = options.value("snapshot", "");
        MongoWireServer server = snapshot.isEmpty() ? MongoWireServer.start(null, port)
                : MongoWireServer.resuming(new LeanMemorySnapshot(Path.of(snapshot), options.value("stamp", "")), port,
                        outcome -> System.out.println("The read models' MongoDB: " + outcome));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "read-model-store-stop"));
        // It is of no use to anyone once the stack that started it is gone, even killed; the shutdown hook still writes its
        // snapshot, unless that takes longer than the patience the exit allows.
        ExitWithParent.arm();
        System.out.println("The read models' MongoDB listens on " + server.connectionString());
        stopped.await();
    }
}
