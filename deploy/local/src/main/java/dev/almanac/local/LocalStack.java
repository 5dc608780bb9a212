package dev.almanac.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.console.ConsoleServer;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.embedded.FreePorts;
import dev.almanac.embedded.KafkaBroker;
import dev.almanac.local.gateway.Gateway;
import dev.almanac.local.gateway.RouteTable;
import dev.almanac.platform.kafka.AlmanacKafkaAutoConfiguration;

/**
 * Everything Almanac needs on one machine, started in dependence order and stopped in reverse:
 * the gateway first, then the console and the services, then Kafka and MongoDB, PostgreSQL last.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final String CONFLICT_STREAM_THREADS = "ALMANAC_CONFLICTS_STREAM_THREADS";
    /** The CPU niceness of the background services (rule-expander); 0 runs them at the normal priority. */
    static final String BACKGROUND_NICENESS = "ALMANAC_BACKGROUND_NICENESS";
    private static final int DEFAULT_BACKGROUND_NICENESS = 10;
    /** The console's backend name in the HTTPRoute. */
    static final String CONSOLE = "console";
    static final String EXECUTOR_SIGNING_SECRET = "ALMANAC_EXECUTOR_SIGNING_SECRET";
    /**
     * The reference executor's signing secret when the launcher is given none: its demo receiver verifies with the same
     * secret. Known to anyone who reads this, like the development identity, so only for a stack on loopback.
     */
    static final String LOCAL_SIGNING_SECRET = "almanac-local-development-signing-secret";
    /** The launcher's own jar, in the repository: the services host runs from it. */
    static final Path LAUNCHER_JAR = Path.of("deploy", "local", "target", "almanac-local.jar");

    /**
     * @param repository    the repository root, where each service's jar is at {@code <service>/target/<service>.jar}
     * @param dataDirectory where Kafka, PostgreSQL, MongoDB and the logs keep their files
     * @param persistent    false keeps MongoDB in memory (tests); true keeps everything across restarts
     * @param gatewayPort   the one base URL's port; 0 picks a free one
     * @param servicePorts  each service's port; a missing service gets a free one
     * @param javaOptions   JVM options for each service process
     * @param bindAddress   where the gateway and the services listen: loopback unless the stack is to be exposed
     * @param serviceJavaOptions JVM options for a service, in place of {@code javaOptions}
     * @param consolePort   the web console's own port, behind the gateway; 0 picks a free one
     * @param serviceEnvironment more environment variables for a service's process, over the stack's own
     */
    public record Options(Path repository, Path dataDirectory, boolean persistent, EmbeddedInfrastructure.Ports infrastructurePorts,
                          int gatewayPort, Map<Service, Integer> servicePorts, List<String> javaOptions, String bindAddress,
                          Map<Service, List<String>> serviceJavaOptions, int consolePort,
                          Map<Service, Map<String, String>> serviceEnvironment, ServiceHosting hosting,
                          List<String> hostJavaOptions) {

        public static final String LOOPBACK = "127.0.0.1";

        /**
         * The services host's JVM, which runs every service (ADR 0099): the JDK's collector (G1, concurrent, where one
         * service's collection would otherwise stop all six), both compilers, and a Metaspace threshold above the six
         * services' classes, each loaded once per service.
         */
        public static final List<String> HOST_JAVA_OPTIONS = List.of("-Xms256m", "-Xmx3g", "-XX:MetaspaceSize=512m");

        /**
         * The service JVMs of the local stack: both compilers, the serial collector with a 320 MB young
         * generation, and a Metaspace threshold above what Spring loads, so that start-up triggers no
         * full GC. At 500 commands/s, C2 spends about two fifths less CPU in command-service than C1
         * alone, once compiled (after three to five minutes of load); with C1 alone command-service and
         * query-service could not keep up. A young generation of 64 MB promoted a batch's work in
         * flight, and query-service's old generation filled and was collected in full, a quarter of a
         * second each time (ADR 0065).
         */
        public static final List<String> SERVING_JAVA_OPTIONS =
                List.of("-Xms512m", "-Xmx768m", "-Xmn320m", "-XX:+UseSerialGC", "-XX:MetaspaceSize=128m");

        /**
         * rule-expander's JVM: the serving heap and Metaspace sizes, with the JDK's collector and both
         * compilers. Its cold start publishes millions of records in a minute; with C1 only,
         * ColdStartBenchmark's planning threads took three times the CPU they take with C2 (ADR 0031).
         * These are the collector and compilers the benchmark runs with, and
         * the launcher's, which hosts the broker and MongoDB.
         */
        public static final List<String> RULE_EXPANDER_JAVA_OPTIONS = List.of("-Xms192m", "-Xmx384m", "-XX:MetaspaceSize=128m");

        /** As {@link ServiceHosting#fromEnvironment()} says, the host with {@link #HOST_JAVA_OPTIONS}. */
        public Options(Path repository, Path dataDirectory, boolean persistent, EmbeddedInfrastructure.Ports infrastructurePorts,
                       int gatewayPort, Map<Service, Integer> servicePorts, List<String> javaOptions, String bindAddress,
                       Map<Service, List<String>> serviceJavaOptions, int consolePort,
                       Map<Service, Map<String, String>> serviceEnvironment) {
            this(repository, dataDirectory, persistent, infrastructurePorts, gatewayPort, servicePorts, javaOptions, bindAddress,
                    serviceJavaOptions, consolePort, serviceEnvironment, ServiceHosting.fromEnvironment(), HOST_JAVA_OPTIONS);
        }

        /** The same JVM options for every service. */
        public Options(Path repository, Path dataDirectory, boolean persistent, EmbeddedInfrastructure.Ports infrastructurePorts,
                       int gatewayPort, Map<Service, Integer> servicePorts, List<String> javaOptions, String bindAddress) {
            this(repository, dataDirectory, persistent, infrastructurePorts, gatewayPort, servicePorts, javaOptions, bindAddress, Map.of());
        }

        /** No more environment for any service than the stack's own. */
        public Options(Path repository, Path dataDirectory, boolean persistent, EmbeddedInfrastructure.Ports infrastructurePorts,
                       int gatewayPort, Map<Service, Integer> servicePorts, List<String> javaOptions, String bindAddress,
                       Map<Service, List<String>> serviceJavaOptions, int consolePort) {
            this(repository, dataDirectory, persistent, infrastructurePorts, gatewayPort, servicePorts, javaOptions, bindAddress,
                    serviceJavaOptions, consolePort, Map.of());
        }

        /** The console on a free port. */
        public Options(Path repository, Path dataDirectory, boolean persistent, EmbeddedInfrastructure.Ports infrastructurePorts,
                       int gatewayPort, Map<Service, Integer> servicePorts, List<String> javaOptions, String bindAddress,
                       Map<Service, List<String>> serviceJavaOptions) {
            this(repository, dataDirectory, persistent, infrastructurePorts, gatewayPort, servicePorts, javaOptions, bindAddress,
                    serviceJavaOptions, 0);
        }

        /** The JVM options of the read models' MongoDB: ALMANAC_READ_MODEL_STORE_JAVA_OPTS, else {@link ReadModelStore#JAVA_OPTIONS}. */
        List<String> readModelStoreJavaOptions() {
            String options = System.getenv("ALMANAC_READ_MODEL_STORE_JAVA_OPTS");
            return options == null || options.isBlank() ? ReadModelStore.JAVA_OPTIONS : List.of(options.trim().split("\\s+"));
        }

        /** The JVM options of {@code service}'s process. */
        public List<String> javaOptionsOf(Service service) {
            return serviceJavaOptions.getOrDefault(service, javaOptions);
        }

        /** In the services host, {@code service}'s system properties ({@code -Dname=value}) as its Spring arguments. */
        List<String> hostedArgumentsOf(Service service) {
            return javaOptionsOf(service).stream().filter(option -> option.startsWith("-D") && option.indexOf('=') > 2)
                    .map(option -> "--" + option.substring(2)).toList();
        }
    }

    private final EmbeddedInfrastructure infrastructure;
    private final @Nullable ReadModelStore readModels;
    private final List<ServiceProcess> services;
    private final Gateway gateway;
    private final ConsoleServer console;
    private final LocalMailbox mailbox;
    private final Path dataDirectory;
    private final HomeLock home;

    private static final java.util.Set<String> LOOPBACK_ADDRESSES = java.util.Set.of("127.0.0.1", "localhost", "::1");

    private LocalStack(EmbeddedInfrastructure infrastructure, @Nullable ReadModelStore readModels, List<ServiceProcess> services,
                       Gateway gateway, ConsoleServer console, LocalMailbox mailbox, Path dataDirectory, HomeLock home) {
        this.infrastructure = infrastructure;
        this.readModels = readModels;
        this.services = services;
        this.gateway = gateway;
        this.console = console;
        this.mailbox = mailbox;
        this.dataDirectory = dataDirectory;
        this.home = home;
    }

    /**
     * @throws HomeLock.InUseException when another stack runs on the data directory
     * @throws FreePorts.PortTakenException when a port the stack is given is taken; nothing has started then
     */
    public static LocalStack start(Options options) {
        HomeLock home = HomeLock.acquire(options.dataDirectory());
        try {
            // Holding the home, no live stack uses a PostgreSQL still running on it: a killed launcher left it.
            EmbeddedInfrastructure.stopLeftOverPostgres(options.dataDirectory()).ifPresent(server -> log.warn(
                    "Stopped PostgreSQL (pid {}), left running on {} by an earlier start that was killed", server.pid(),
                    options.dataDirectory()));
            return startHolding(options, home);
        } catch (RuntimeException e) {
            home.close();
            throw e;
        }
    }

    private static LocalStack startHolding(Options options, HomeLock home) {
        // Every port the stack will bind, found while all are held: found and let go one by one, a port given to a
        // process that binds it seconds later could be given again meanwhile. A fixed port already taken fails here,
        // before anything starts (an earlier stack's service on it would otherwise answer the readiness check).
        EmbeddedInfrastructure.Ports infrastructurePorts;
        int readModelsPort;
        int gatewayPort;
        int consolePort;
        int smtpPort;
        Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        try (FreePorts free = new FreePorts()) {
            gatewayPort = free.orFree(options.gatewayPort());
            consolePort = free.orFree(options.consolePort());
            smtpPort = free.orFree(configuredSmtpPort());
            infrastructurePorts = options.infrastructurePorts().resolvedBy(free);
            readModelsPort = options.persistent() ? free.orFree(0) : 0;
            for (Service service : Service.values()) {
                servicePorts.put(service, free.orFree(options.servicePorts().getOrDefault(service, 0)));
            }
        }
        // A persistent stack keeps its read models in a MongoDB of their own, in a JVM of its own; it starts meanwhile, from
        // the snapshot its last clean stop wrote, if query-service is the same build (ADR 0100).
        ReadModelStore readModels = options.persistent()
                ? ReadModelStore.launch(options.dataDirectory().resolve("logs"), options.readModelStoreJavaOptions(), readModelsPort,
                        ReadModelStore.Snapshot.inHome(options.dataDirectory(), serviceJar(options.repository(), Service.QUERY_SERVICE)))
                : null;
        KafkaSecurity.Mode kafkaSecurity = KafkaSecurity.Mode.fromEnvironment();
        log.info(kafkaSecurity == KafkaSecurity.Mode.SCRAM
                ? "Kafka security: scram ({}=scram): SASL/SCRAM-SHA-512, a user and ACLs per service (ADR 0091)"
                : "Kafka security: none ({} unset): PLAINTEXT, any local process may read and write every topic", KafkaSecurity.VARIABLE);
        EmbeddedInfrastructure infrastructure;
        Map<Service, KafkaSecurity.Credentials> kafkaUsers;
        try {
            infrastructure = EmbeddedInfrastructure.start(options.dataDirectory(), infrastructurePorts,
                    options.persistent(), readModels == null ? null : readModels.connectionString(),
                    kafkaSecurity == KafkaSecurity.Mode.SCRAM ? KafkaBroker.Security.withRandomAdminPassword() : null);
        } catch (RuntimeException e) {
            if (readModels != null) {
                readModels.close();
            }
            throw e;
        }
        List<ServiceProcess> services = new ArrayList<>();
        ConsoleServer console = null;
        LocalMailbox mailbox = null;
        try {
            kafkaUsers = kafkaSecurity == KafkaSecurity.Mode.SCRAM
                    ? KafkaSecurity.provision(infrastructure.kafka().adminProperties(), AlmanacKafkaAutoConfiguration.DEFAULT_PARTITIONS)
                    : Map.of();
            mailbox = LocalMailbox.start(Options.LOOPBACK, smtpPort);
            if (readModels != null) {
                readModels.awaitListening();
                readModels.supervise();
            }
            Map<String, String> backends = new LinkedHashMap<>();
            Map<Service, ServiceProcess.Hosted> hosted = new EnumMap<>(Service.class);
            Path logs = options.dataDirectory().resolve("logs");
            log.info(options.hosting() == ServiceHosting.ONE_JVM
                    ? "Services: in one JVM, the services host ({}=one; each gives a JVM per service)"
                    : "Services: a JVM each ({}=each)", ServiceHosting.VARIABLE);
            Map<String, String> identity = identityEnvironment(System.getenv(), options.dataDirectory());
            for (Service service : Service.values()) {
                int port = servicePorts.get(service);
                Path jar = serviceJar(options.repository(), service);
                Map<String, String> environment = new LinkedHashMap<>(infrastructure.environment());
                environment.put("SERVER_ADDRESS", options.bindAddress());
                // No identity provider: the actor is X-Almanac-User, or the development identity (ADR 0027); or, with
                // ALMANAC_IDENTITY_MODE=jwt, a token of the local issuer's (issue 73 part 7).
                identity.forEach(environment::putIfAbsent);
                if (!LOOPBACK_ADDRESSES.contains(options.bindAddress())) {
                    // Exposed on purpose (ALMANAC_BIND_ADDRESS): anyone who reaches it may claim any identity.
                    environment.put("ALMANAC_IDENTITY_ALLOW_REMOTE_DEVELOPMENT", "true");
                }
                environment.put("ALMANAC_STATE_DIR", options.dataDirectory().resolve("state").resolve(service.serviceName()).toString());
                // A launcher killed (kill -9, an out-of-memory kill) runs no shutdown hook: the services then stop themselves.
                environment.put("ALMANAC_EXIT_WITH_PARENT", "true");
                if (service == Service.CONFLICT_DETECTOR && System.getenv(CONFLICT_STREAM_THREADS) == null) {
                    // Three stream threads, each with a third of the partitions' tasks: a burst on one partition queues only
                    // the calendars of its thread, and two cores run no more threads than that (ADR 0009, ADR 0069).
                    environment.put(CONFLICT_STREAM_THREADS, "3");
                }
                if (service == Service.DISPATCHER) {
                    // The deliverer's e-mail goes to the launcher's own SMTP server, shown at /local/mailbox (ADR 0078).
                    environment.put("ALMANAC_SMTP_HOST", Options.LOOPBACK);
                    environment.put("ALMANAC_SMTP_PORT", Integer.toString(mailbox.port()));
                    // Receivers here listen on 127.0.0.1, which a deployment refuses to call (OWASP API7).
                    environment.putIfAbsent("ALMANAC_DELIVER_WEBHOOK_PRIVATE_ADDRESSES", "allow");
                }
                if (service == Service.EXECUTOR) {
                    environment.put(EXECUTOR_SIGNING_SECRET, System.getenv().getOrDefault(EXECUTOR_SIGNING_SECRET, LOCAL_SIGNING_SECRET));
                }
                if (kafkaUsers.containsKey(service)) {
                    environment.putAll(kafkaUsers.get(service).environment());
                }
                environment.putAll(options.serviceEnvironment().getOrDefault(service, Map.of()));
                if (options.hosting() == ServiceHosting.ONE_JVM) {
                    hosted.put(service, new ServiceProcess.Hosted(jar, port, environment, options.hostedArgumentsOf(service)));
                } else {
                    services.add(ServiceProcess.start(service, jar, port, environment, options.javaOptionsOf(service),
                            service.background() ? backgroundNiceness() : 0, logs));
                }
                backends.put(service.serviceName(), "http://127.0.0.1:" + port);
            }
            if (options.hosting() == ServiceHosting.ONE_JVM) {
                services.add(ServiceProcess.startHost(options.repository().resolve(LAUNCHER_JAR), hosted, options.hostJavaOptions(), logs));
            }
            // The console's files, served from this JVM on a port of its own: a process of its own would cost a JVM for a
            // file server (ADR 0067). It tells the page the services' identity mode.
            console = ConsoleServer.start(options.bindAddress(), consolePort,
                    jwtMode(System.getenv()) ? ConsoleServer.IdentityMode.JWT : ConsoleServer.IdentityMode.DEVELOPMENT);
            backends.put(CONSOLE, "http://127.0.0.1:" + console.port());
            CompletableFuture.allOf(services.stream()
                    .map(service -> CompletableFuture.runAsync(() -> service.awaitReady(READY_TIMEOUT)))
                    .toArray(CompletableFuture[]::new)).join();
            LocalMailbox shown = mailbox;
            Gateway gateway = Gateway.start(options.bindAddress(), gatewayPort, routes(), backends, Map.of(LocalMailbox.PATH, shown::json));
            return new LocalStack(infrastructure, readModels, services, gateway, console, mailbox, options.dataDirectory(), home);
        } catch (RuntimeException e) {
            if (console != null) {
                console.close();
            }
            if (mailbox != null) {
                mailbox.close();
            }
            services.forEach(ServiceProcess::close);
            infrastructure.close();
            if (readModels != null) {
                readModels.close();
            }
            throw e;
        }
    }

    private static Path serviceJar(Path repository, Service service) {
        return repository.resolve(service.serviceName()).resolve("target").resolve(service.serviceName() + ".jar");
    }

    static RouteTable routes() {
        try (InputStream manifest = LocalStack.class.getResourceAsStream("/httproute.yaml")) {
            if (manifest == null) {
                throw new IllegalStateException("httproute.yaml is missing from the classpath");
            }
            return RouteTable.fromHttpRoute(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    /** The local SMTP server's mailbox as JSON, newest first: what the deliverer sent by e-mail. */
    public String mailboxUrl() {
        return gatewayUrl() + LocalMailbox.PATH;
    }

    /** The local SMTP server's port (ALMANAC_SMTP_PORT, else 3025 when free, else any free one). */
    public int smtpPort() {
        return mailbox.port();
    }

    /** The web console, as a browser opens it: the gateway's root. */
    public String consoleUrl() {
        return gatewayUrl() + "/";
    }

    /** The console's own port, which the gateway routes {@code /} to. */
    public int consolePort() {
        return console.port();
    }

    public Map<Service, String> serviceUrls() {
        Map<Service, String> urls = new EnumMap<>(Service.class);
        services.forEach(process -> process.services().forEach(service -> urls.put(service, process.baseUrl(service))));
        return urls;
    }

    /** The process id of {@code service} as it runs now (the services host's, when it runs there): a restart gives it a new one. */
    public long pidOf(Service service) {
        return processOf(service).pid();
    }

    /** How many times the launcher started {@code service} again after it ended on its own. */
    public int restartsOf(Service service) {
        return processOf(service).restarts();
    }

    private ServiceProcess processOf(Service service) {
        return services.stream().filter(process -> process.services().contains(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no process of " + service));
    }

    /**
     * Every process of the stack as it runs now: this launcher, everything it started (the services, the read models'
     * MongoDB), and PostgreSQL's server with its connections, which {@code pg_ctl} starts detached, so that they are not
     * among the launcher's descendants.
     */
    public List<ProcessHandle> processes() {
        Stream<ProcessHandle> launcher = Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants());
        return Stream.concat(launcher, infrastructure.postgresProcesses().stream()).distinct().toList();
    }

    public EmbeddedInfrastructure infrastructure() {
        return infrastructure;
    }

     /** The identity mode the services run in: {@code ALMANAC_IDENTITY_MODE}, development when unset. */
    static boolean jwtMode(Map<String, String> launcherEnvironment) {
        String mode = launcherEnvironment.getOrDefault("ALMANAC_IDENTITY_MODE", "").trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "", "development" -> false;
            case "jwt" -> true;
            default -> throw new IllegalArgumentException("ALMANAC_IDENTITY_MODE is development (the default) or jwt, not '" + mode + "'");
        };
    }

    /**
     * What the services are told of identity: the mode and tenancy the launcher was started with, and in JWT mode,
     * unless a key source is given, the public key of the local issuer kept in {@code home}, whose tokens
     * {@code ./run-local token} mints, and the home's own secret keys, unless given.
     */
    static Map<String, String> identityEnvironment(Map<String, String> launcherEnvironment, Path home) {
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("ALMANAC_IDENTITY_MODE", jwtMode(launcherEnvironment) ? "jwt" : "development");
        String tenancy = launcherEnvironment.get("ALMANAC_IDENTITY_TENANCY");
        if (tenancy != null && !tenancy.isBlank()) {
            identity.put("ALMANAC_IDENTITY_TENANCY", tenancy.trim());
        }
        boolean keySourceGiven = Stream.of("ALMANAC_IDENTITY_JWT_ISSUER_URI", "ALMANAC_IDENTITY_JWT_JWK_SET_URI",
                "ALMANAC_IDENTITY_JWT_PUBLIC_KEY_LOCATION").anyMatch(launcherEnvironment::containsKey);
        if (jwtMode(launcherEnvironment) && !keySourceGiven) {
            identity.putAll(LocalIssuer.of(home, Clock.systemUTC()).serviceEnvironment());
        }
        if (jwtMode(launcherEnvironment)) {
            // JWT mode refuses the public local defaults of the secret keys: the home's own, unless given.
            LocalSecretKeys.of(home).forEach((name, key) -> {
                if (!launcherEnvironment.containsKey(name)) {
                    identity.put(name, key);
                }
            });
        }
        return identity;
    }

   public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        log.info("Stopping Almanac");
        try {
            gateway.close();
        } catch (RuntimeException | LinkageError e) {
            // Never let the gateway keep the service processes alive: they would outlive the launcher.
            log.warn("The gateway did not stop cleanly; stopping the services anyway", e);
        }
        console.close();
        CompletableFuture.allOf(services.stream()
                .map(service -> CompletableFuture.runAsync(service::close))
                .toArray(CompletableFuture[]::new)).join();
        mailbox.close();
        infrastructure.close();
        if (readModels != null) {
            readModels.close();
        }
        home.close();
    }

    /** ALMANAC_SMTP_PORT, or 0 for a free port: a fixed default could collide with a second stack or a test's. */
    private static int configuredSmtpPort() {
        String configured = System.getenv("ALMANAC_SMTP_PORT");
        return configured == null || configured.isBlank() ? 0 : Integer.parseInt(configured.trim());
    }

    /**
     * The niceness rule-expander starts at: {@value #DEFAULT_BACKGROUND_NICENESS} unless {@value #BACKGROUND_NICENESS} says
     * otherwise. Its materialisation of the horizon is bulk for other services; on two shared cores it otherwise takes the
     * CPU that a person's new item waits for in query-service.
     */
    private static int backgroundNiceness() {
        String configured = System.getenv(BACKGROUND_NICENESS);
        try {
            return configured == null || configured.isBlank() ? DEFAULT_BACKGROUND_NICENESS : Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(BACKGROUND_NICENESS + " must be a whole number from 0 to 19, but was '" + configured + "'", e);
        }
    }

    /**
     * Stops the read models' MongoDB, runs {@code whileDown}, and starts it again on the same port. Stopped cleanly, it
     * writes its snapshot and comes back holding what it held (ADR 0100); query-service, finding the same store, goes on.
     *
     * @throws IllegalStateException on a stack that is not persistent, whose read models share the MongoDB of service state
     */
    public void restartReadModelStore(Runnable whileDown) {
        if (readModels == null) {
            throw new IllegalStateException("this stack is not persistent: its read models are in the MongoDB of service state");
        }
        log.warn("Restarting the read models' MongoDB");
        readModels.restart(whileDown);
        log.info("The read models' MongoDB is back");
    }

    /**
     * The read models' MongoDB's process as it runs now, which the launcher starts again when it ends on its own (the
     * fault suite's {@code kill -9} of it, issue 74).
     *
     * @throws IllegalStateException on a stack that is not persistent, whose read models share the MongoDB of service state
     */
    public ProcessHandle readModelStoreProcess() {
        if (readModels == null) {
            throw new IllegalStateException("this stack is not persistent: its read models are in the MongoDB of service state");
        }
        return readModels.process();
    }
}
