package dev.almanac.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.local.host.HostedService;
import dev.almanac.local.host.ServicesHost;

/**
 * A child JVM of the stack, logging to a file: one service from its executable jar, or the services host that runs
 * every service in one JVM (ADR 0099). A process that ends on its own
 * (a crash, an out-of-memory kill, a {@code kill -9}) is started again, as Kubernetes restarts a pod's container: after
 * {@link #FIRST_BACKOFF}, doubling with each restart up to {@link #MAX_BACKOFF}, and from the first again once it ran
 * {@link #STABLE_RUN}. Only {@link #close()} ends it for good.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(ServiceProcess.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final Duration STABLE_RUN = Duration.ofMinutes(10);
    /** The process that runs every service in one JVM, and the name of its own log. */
    static final String HOST = "services-host";
    private static final String HOST_MAIN = ServicesHost.class.getName();
    private static final ScheduledExecutorService RESTARTS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "service-restarts");
        thread.setDaemon(true);
        return thread;
    });

    private final String name;
    private final Map<Service, Integer> ports;
    private final ProcessBuilder builder;
    private final Path log;
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile Process process;
    private volatile Instant startedAt;
    private volatile Duration backoff = FIRST_BACKOFF;
    private volatile boolean closing;

    private ServiceProcess(String name, Map<Service, Integer> ports, ProcessBuilder builder, Process process, Path log) {
        this.name = name;
        this.ports = Collections.unmodifiableMap(new EnumMap<>(ports));
        this.builder = builder;
        this.process = process;
        this.startedAt = Instant.now();
        this.log = log;
    }

    /** @param niceness the CPU niceness to start it at ({@link ChildJvms#javaCommand(int)}); 0 for the normal priority */
    static ServiceProcess start(Service service, Path jar, int port, Map<String, String> environment,
                                List<String> javaOptions, int niceness, Path logDirectory) {
        requireJar(jar);
        List<String> command = ChildJvms.javaCommand(niceness);
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        Map<String, String> own = new LinkedHashMap<>(environment);
        own.put("PORT", Integer.toString(port));
        return launch(service.serviceName(), Map.of(service, port), command, own, logDirectory);
    }

    /**
     * Starts the services host ({@code dev.almanac.local.host.ServicesHost}, in the launcher's jar) running each of
     * {@code services} in one JVM, each with its own port, environment and arguments, as {@link #start} would give its
     * process of its own.
     */
    static ServiceProcess startHost(Path launcherJar, Map<Service, Hosted> services, List<String> javaOptions, Path logDirectory) {
        requireJar(launcherJar);
        List<String> command = ChildJvms.javaCommand(0);
        command.addAll(javaOptions);
        command.add("-Dloader.main=" + HOST_MAIN);
        command.add("-jar");
        command.add(launcherJar.toString());
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(ServicesHost.LOGS_VARIABLE, logDirectory.toString());
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        services.forEach((service, hosted) -> {
            requireJar(hosted.jar());
            command.addAll(HostedService.hostArguments(service.serviceName(), hosted.jar(), hosted.arguments()));
            hosted.environment().forEach((variable, value) -> environment.put(HostedService.hostVariable(service.serviceName(), variable), value));
            environment.put(HostedService.hostVariable(service.serviceName(), "PORT"), Integer.toString(hosted.port()));
            ports.put(service, hosted.port());
        });
        return launch(HOST, ports, command, environment, logDirectory);
    }

    /** A service as the host runs it: its jar, port, environment variables and Spring arguments ({@code --name=value}). */
    record Hosted(Path jar, int port, Map<String, String> environment, List<String> arguments) {
    }

    private static void requireJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist; build the services first: ./mvnw -DskipTests package");
        }
    }

    private static ServiceProcess launch(String name, Map<Service, Integer> ports, List<String> command, Map<String, String> environment,
                                         Path logDirectory) {
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            return new ServiceProcess(name, ports, builder, builder.start(), log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /**
     * From now on, a process that ends on its own is started again. {@link #awaitReady} begins it once the service was
     * ready: one that cannot start fails the stack's start with its log, rather than being started again and again.
     */
    void supervise() {
        superviseCurrent();
    }

    private void superviseCurrent() {
        Process watched = process;
        watched.onExit().thenRun(() -> {
            if (closing) {
                return;
            }
            Duration ran = Duration.between(startedAt, Instant.now());
            Duration delay = delayBeforeRestart(ran, backoff);
            backoff = delay.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay.multipliedBy(2);
            int restart = restarts.incrementAndGet();
            logger.warn("{} (pid {}) exited with {} after {} s; restarting it in {} s (restart {}); its log: {}", name,
                    watched.pid(), watched.exitValue(), ran.toSeconds(), delay.toMillis() / 1000.0, restart, log);
            RESTARTS.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** The wait before a restart of a process that ran {@code ran}: the current backoff, or the first once it ran long enough. */
    static Duration delayBeforeRestart(Duration ran, Duration backoff) {
        return ran.compareTo(STABLE_RUN) >= 0 ? FIRST_BACKOFF : backoff;
    }

    private void restart() {
        if (closing) {
            return;
        }
        try {
            Files.writeString(log, "%n--- %s: restarted by the launcher (restart %d) ---%n".formatted(Instant.now(), restarts.get()),
                    StandardOpenOption.APPEND, StandardOpenOption.CREATE);
            synchronized (this) {
                if (closing) {
                    return;
                }
                process = builder.start();
                startedAt = Instant.now();
            }
            logger.info("{} restarted (pid {})", name, process.pid());
            superviseCurrent();
        } catch (IOException failed) {
            logger.error("{} could not be restarted; trying again in {} s", name, backoff.toSeconds(), failed);
            RESTARTS.schedule(this::restart, backoff.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** How many times the launcher started it again after it ended on its own. */
    int restarts() {
        return restarts.get();
    }

    /** Waits until every service it runs reports itself ready, or fails with the end of its log. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Service service : ports.keySet()) {
            awaitReady(service, deadline, timeout);
        }
        supervise();
    }

    private void awaitReady(Service service, long deadline, Duration timeout) {
        Readiness.Outcome outcome = new Readiness(service.serviceName(), URI.create(baseUrl(service) + "/actuator/health/readiness"),
                () -> process.isAlive(), Readiness.CATCH_UP_LIMIT).await(deadline);
        switch (outcome) {
            case READY -> {
                return;
            }
            case EXITED -> throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            case SILENT, STILL_CATCHING_UP -> throw new IllegalStateException(service.serviceName()
                    + (outcome == Readiness.Outcome.SILENT ? " did not answer within " + timeout
                            : " answered, but was still not ready " + Readiness.CATCH_UP_LIMIT.toMinutes() + " min later")
                    + ":\n" + tail()
                    + (ports.size() > 1 ? "\n" + service.serviceName() + "'s own log:\n" + tail(log.resolveSibling(service.serviceName() + ".log")) : ""));
        }
    }

    String baseUrl(Service service) {
        Integer port = ports.get(service);
        if (port == null) {
            throw new IllegalArgumentException(name + " does not run " + service.serviceName());
        }
        return "http://127.0.0.1:" + port;
    }

    /** The services it runs: one, or every one for the services host. */
    Set<Service> services() {
        return ports.keySet();
    }

    long pid() {
        return process.pid();
    }

    /** Asks the service to stop (SIGTERM: Spring shuts down gracefully), and kills it if it takes too long; it is not restarted. */
    @Override
    public void close() {
        Process current;
        synchronized (this) {
            closing = true;
            current = process;
        }
        ChildJvms.stop(current, Duration.ofSeconds(20));
    }

    private String tail() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
