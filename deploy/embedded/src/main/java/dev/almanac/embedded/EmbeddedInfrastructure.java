package dev.almanac.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, PostgreSQL and MongoDB started together, and the environment variables that point
 * the services at them. Stops in the reverse order of dependence: Kafka and MongoDB first,
 * PostgreSQL last.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    public static final String KAFKA_BOOTSTRAP = "ALMANAC_KAFKA_BOOTSTRAP";
    public static final String POSTGRES_URL = "ALMANAC_POSTGRES_URL";
    public static final String POSTGRES_USER = "ALMANAC_POSTGRES_USER";
    public static final String POSTGRES_PASSWORD = "ALMANAC_POSTGRES_PASSWORD";
    public static final String MONGO_URI = "ALMANAC_MONGO_URI";
    /** query-service's read models: a MongoDB of their own, in memory, rebuilt from the topics unless kept by a snapshot (ADR 0014, 0100). */
    public static final String READ_MODEL_MONGO_URI = "ALMANAC_READ_MODEL_MONGO_URI";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private static @Nullable EmbeddedInfrastructure shared;

    private final KafkaBroker kafka;
    /** Started with the others, or on first use for the tests' shared infrastructure ({@link #sharedForTests}). */
    private final Supplier<PostgresServer> startPostgres;
    private @Nullable PostgresServer postgres;
    private final MongoWireServer mongo;
    /** The read models' server when it runs here; null when it is the one service state uses, or runs elsewhere. */
    private final @Nullable MongoWireServer readModels;
    private final String readModelsUri;

    private EmbeddedInfrastructure(KafkaBroker kafka, @Nullable PostgresServer postgres, Supplier<PostgresServer> startPostgres,
                                   MongoWireServer mongo, @Nullable MongoWireServer readModels, String readModelsUri) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.startPostgres = startPostgres;
        this.mongo = mongo;
        this.readModels = readModels;
        this.readModelsUri = readModelsUri;
    }

    /** Ports of the three servers; 0 picks a free one. */
    public record Ports(int kafka, int kafkaController, int postgres, int mongo) {

        public static Ports anyFree() {
            return new Ports(0, 0, 0, 0);
        }

        /** These ports, each 0 replaced by a free one of {@code free}, so distinct from every other port it gives. */
        public Ports resolvedBy(FreePorts free) {
            return new Ports(free.orFree(kafka), free.orFree(kafkaController), free.orFree(postgres), free.orFree(mongo));
        }
    }

    /**
     * Starts the servers side by side. With {@code persistent == true}, Kafka, PostgreSQL and the
     * MongoDB of service state keep their data in the directory across starts, PostgreSQL and that
     * MongoDB flush each commit or write to disk before answering it (ADR 0043, 0066), and the read
     * models get a second MongoDB in memory: they are derived data, query-service rebuilds them
     * from the topics (ADR 0014), and the persistent store serialises each document it writes
     * with Java serialisation, which cost the local stack most of its projection throughput.
     * With {@code persistent == false} one MongoDB in memory serves both.
     */
    public static EmbeddedInfrastructure start(Path dataDirectory, Ports ports, boolean persistent) {
        return start(dataDirectory, ports, persistent, null);
    }

    /**
     * As {@link #start(Path, Ports, boolean)}, but with a {@code readModelsUri} the read models are
     * in a MongoDB that runs elsewhere (the local stack runs it in a JVM of its own) rather than here.
     */
    public static EmbeddedInfrastructure start(Path dataDirectory, Ports ports, boolean persistent, @Nullable String readModelsUri) {
        return start(dataDirectory, ports, persistent, readModelsUri, null);
    }

    /**
     * As {@link #start(Path, Ports, boolean, String)}, with Kafka secured by {@code kafkaSecurity} when it is given: no
     * client without credentials gets in, and each does what ACLs allow it (ADR 0091).
     */
    public static EmbeddedInfrastructure start(Path dataDirectory, Ports ports, boolean persistent, @Nullable String readModelsUri,
                                               KafkaBroker.@Nullable Security kafkaSecurity) {
        return start(dataDirectory, ports, persistent, readModelsUri, kafkaSecurity, false);
    }

    private static EmbeddedInfrastructure start(Path dataDirectory, Ports ports, boolean persistent, @Nullable String readModelsUri,
                                                KafkaBroker.@Nullable Security kafkaSecurity, boolean postgresOnFirstUse) {
        long started = System.nanoTime();
        boolean readModelsHere = readModelsUri == null && persistent;
        Ports bound;
        int readModelsPort;
        try (FreePorts free = new FreePorts()) {
            bound = ports.resolvedBy(free);
            readModelsPort = readModelsHere ? free.orFree(0) : 0;
        }
        Supplier<PostgresServer> startPostgres = () -> PostgresServer.start(postgresDirectory(dataDirectory),
                postgresOnFirstUse ? FreePorts.any() : bound.postgres(), persistent);
        CompletableFuture<@Nullable PostgresServer> postgres = postgresOnFirstUse ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(startPostgres);
        var mongo = CompletableFuture.supplyAsync(() -> MongoWireServer.start(
                persistent ? dataDirectory.resolve("mongo/almanac.mv") : null, bound.mongo()));
        CompletableFuture<@Nullable MongoWireServer> readModels = readModelsHere
                ? CompletableFuture.supplyAsync(() -> MongoWireServer.start(null, readModelsPort))
                : CompletableFuture.completedFuture(null);
        KafkaBroker kafka = KafkaBroker.start(dataDirectory.resolve("kafka"), bound.kafka(), bound.kafkaController(), kafkaSecurity);
        try {
            MongoWireServer readModelServer = readModels.join();
            String readModelConnection = readModelsUri != null ? readModelsUri
                    : readModelServer != null ? readModelServer.connectionString() : mongo.join().connectionString();
            var infrastructure = new EmbeddedInfrastructure(kafka, postgres.join(), startPostgres, mongo.join(), readModelServer,
                    readModelConnection);
            log.info("Embedded Kafka, {}MongoDB up in {} ms", postgresOnFirstUse ? "" : "PostgreSQL and ",
                    (System.nanoTime() - started) / 1_000_000);
            return infrastructure;
        } catch (CompletionException e) {
            // Whatever did start must stop, or its threads keep a launcher that failed to start alive.
            kafka.close();
            postgres.thenAccept(server -> {
                if (server != null) {
                    server.close();
                }
            });
            mongo.thenAccept(MongoWireServer::close);
            readModels.thenAccept(server -> {
                if (server != null) {
                    server.close();
                }
            });
            throw e;
        }
    }

    /**
     * One instance per JVM for integration tests: started on first use in a temporary
     * directory, stopped when the JVM exits, and its directory deleted then. PostgreSQL starts
     * only when a test first asks for it: of the modules' tests, only command-service's use it.
     */
    public static synchronized EmbeddedInfrastructure sharedForTests() {
        if (shared == null) {
            try {
                Path directory = Files.createTempDirectory("almanac-it-");
                EmbeddedInfrastructure infrastructure = start(directory, Ports.anyFree(), false, null, null, true);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    awaitApplicationsClosed();
                    infrastructure.close();
                    ScratchDirectories.delete(directory);
                }, "almanac-embedded-stop"));
                shared = infrastructure;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /**
     * JVM shutdown hooks run at the same time. Stopping PostgreSQL and Kafka while the test JVM's
     * Spring contexts were still closing left Axon's threads waiting 30 s for a pooled connection,
     * and the test runner killed the JVM after that wait. So where Spring Boot is on the class path,
     * the components stop only after Boot's own hook, which closes every context it started, has
     * ended (at most 20 s). Its thread may start a moment after this one, hence the short look-out.
     */
    private static void awaitApplicationsClosed() {
        if (!onClassPath("org.springframework.boot.SpringApplicationShutdownHook")) {
            return;
        }
        long lookOutUntil = System.nanoTime() + 1_000_000_000L;
        Optional<Thread> hook = bootShutdownHook();
        while (hook.isEmpty() && System.nanoTime() < lookOutUntil) {
            Thread.onSpinWait();
            hook = bootShutdownHook();
        }
        hook.ifPresent(thread -> {
            try {
                thread.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static Optional<Thread> bootShutdownHook() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("SpringApplicationShutdownHook"))
                .findFirst();
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, EmbeddedInfrastructure.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The broker, for its security and a super user's client properties. */
    public KafkaBroker kafka() {
        return kafka;
    }

    /**
     * Stops a PostgreSQL that an earlier start on {@code dataDirectory} left running (its launcher killed outright), so
     * that this start can have its port and its data directory.
     *
     * @return the server stopped; empty when there was none
     */
    public static Optional<ProcessHandle> stopLeftOverPostgres(Path dataDirectory) {
        return PostgresServer.stopLeftOver(postgresDirectory(dataDirectory), Duration.ofSeconds(60));
    }

    private static Path postgresDirectory(Path dataDirectory) {
        return dataDirectory.resolve("postgres");
    }

    /** PostgreSQL's main process, which is no descendant of this JVM; empty when it is not running. */
    public Optional<ProcessHandle> postgresProcess() {
        return postgres().process();
    }

    /** PostgreSQL's processes as they are now (see {@link PostgresServer#processes()}). */
    public List<ProcessHandle> postgresProcesses() {
        return postgres().processes();
    }

    public String postgresJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres().port() + "/" + PostgresServer.DATABASE;
    }

    private synchronized PostgresServer postgres() {
        if (postgres == null) {
            long started = System.nanoTime();
            postgres = startPostgres.get();
            log.info("Embedded PostgreSQL up in {} ms, on first use", (System.nanoTime() - started) / 1_000_000);
        }
        return postgres;
    }

    public String mongoConnectionString() {
        return mongo.connectionString();
    }

    public String readModelMongoConnectionString() {
        return readModelsUri;
    }

    /** The variables each service reads to find its infrastructure. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(KAFKA_BOOTSTRAP, kafkaBootstrapServers());
        environment.put(POSTGRES_URL, postgresJdbcUrl());
        environment.put(POSTGRES_USER, PostgresServer.USER);
        environment.put(POSTGRES_PASSWORD, "");
        environment.put(MONGO_URI, mongoConnectionString());
        environment.put(READ_MODEL_MONGO_URI, readModelMongoConnectionString());
        return environment;
    }

    /**
     * Restarts the broker on its ports and log directory, running {@code whileDown} while it is stopped (see
     * {@link KafkaBroker#restart}).
     */
    public void restartKafka(Runnable whileDown) {
        log.warn("Restarting Kafka on {}", kafka.bootstrapServers());
        kafka.restart(whileDown);
        log.info("Kafka is back on {}", kafka.bootstrapServers());
    }

    /**
     * Restarts PostgreSQL on its port and data directory, running {@code whileDown} while it is stopped (see
     * {@link PostgresServer#restart}).
     */
    public void restartPostgres(Runnable whileDown) {
        PostgresServer server = postgres();
        log.warn("Restarting PostgreSQL on port {}", server.port());
        server.restart(whileDown);
        log.info("PostgreSQL is back on port {}", server.port());
    }

    @Override
    public void close() {
        closeQuietly("Kafka", kafka);
        closeQuietly("MongoDB", mongo);
        if (readModels != null) {
            closeQuietly("MongoDB of the read models", readModels);
        }
        PostgresServer started;
        synchronized (this) {
            started = postgres;
        }
        if (started != null) {
            closeQuietly("PostgreSQL", started);
        }
    }

    private static void closeQuietly(String name, AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            log.warn("{} did not stop cleanly", name, e);
        }
    }
}
