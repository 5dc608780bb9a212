package dev.almanac.local.host;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -Dloader.main=dev.almanac.local.host.ServicesHost -jar almanac-local.jar service=jar [--option…]…}: runs
 * the local stack's services in this one JVM (ADR 0099). Each starts from its own executable jar through Spring Boot's
 * own launcher, below a class loader of the service's jar, the platform's classes and Spring Boot's loader
 * ({@link ServiceClassLoader}), so that no two services share a class of their own or of a library, and each keeps its application context, port, consumer groups and configuration. They share the JIT,
 * the heap and the JDK's classes; the topics stay the only way between them.
 *
 * <p>Each service's output goes to {@code <ALMANAC_HOSTED_LOGS>/<service>.log}. A service that fails to start stops the
 * host, as a service in a process of its own stops its process: the launcher shows why and, once the stack was up,
 * starts the host again. SIGTERM stops every service cleanly, each by its own shutdown hook.
 */
public final class ServicesHost {

    /** The directory the services' logs are written to. */
    public static final String LOGS_VARIABLE = "ALMANAC_HOSTED_LOGS";
    private static final int TAIL_LINES = 40;
    private static volatile boolean stopping;

    private ServicesHost() {
    }

    public static void main(String[] args) {
        List<HostedService> services = HostedService.parse(Arrays.asList(args), System.getenv());
        String logs = System.getenv(LOGS_VARIABLE);
        Path logDirectory = Path.of(logs == null || logs.isBlank() ? "." : logs);
        ServiceOutputs outputs = ServiceOutputs.install();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopping = true, "services-host-stopping"));
        PrintStream host = new PrintStream(outputs.hostOutput(), true, StandardCharsets.UTF_8);
        host.printf("Hosting %d services in one JVM (pid %d): %s%n", services.size(), ProcessHandle.current().pid(),
                services.stream().map(HostedService::name).toList());
        for (HostedService service : services) {
            start(service, logDirectory.resolve(service.name() + ".log"), outputs, host);
        }
    }

    private static void start(HostedService service, Path log, ServiceOutputs outputs, PrintStream host) {
        if (!Files.isRegularFile(service.jar())) {
            host.printf("%s's jar %s does not exist; build the services first: ./mvnw -DskipTests package%n", service.name(), service.jar());
            System.exit(1);
        }
        ClassLoader loader = new ServiceClassLoader(service.name(), service.jar());
        outputs.register(loader, log);
        Thread main = new Thread(() -> {
            try {
                Class<?> launcher = loader.loadClass(ServiceLauncher.class.getName());
                Object launching = launcher.getConstructor(File.class).newInstance(service.jar().toFile());
                launcher.getMethod("run", String[].class).invoke(launching, (Object) service.mainArguments());
                host.printf("%s started%n", service.name());
            } catch (Throwable failed) {
                stopHost(service, log, failed, host);
            }
        }, service.name() + "-main");
        main.setContextClassLoader(loader);
        main.start();
    }

    /** As a service in a process of its own ends its process when it cannot start: the launcher shows this output. */
    private static void stopHost(HostedService service, Path log, Throwable failure, PrintStream host) {
        if (stopping) {
            // Told to stop (SIGTERM) while it started: its failure is the stop's, and the JVM is ending anyway.
            host.printf("%s stopped while it started%n", service.name());
            return;
        }
        Throwable cause = failure;
        // Spring Boot's launcher calls the service's main reflectively, as this host calls the launcher's.
        while (cause instanceof InvocationTargetException invoked && invoked.getCause() != null) {
            cause = invoked.getCause();
        }
        host.printf("%s did not start: %s%n", service.name(), cause);
        cause.printStackTrace(host);
        host.printf("The end of %s's log, %s:%n", service.name(), log);
        try {
            List<String> lines = Files.readAllLines(log);
            lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()).forEach(host::println);
        } catch (IOException unreadable) {
            host.println("(its log cannot be read: " + unreadable + ")");
        }
        System.exit(1);
    }
}
