package dev.almanac.local;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.embedded.FreePorts;
import dev.almanac.local.bench.LoadBenchmark;
import dev.almanac.local.bench.VisibilityLatency;
import dev.almanac.local.dlt.DltReplay;

/**
 * {@code java -jar deploy/local/target/almanac-local.jar}: runs Almanac on this machine with
 * embedded defaults and demo data, and stops it cleanly on Ctrl-C. Data lives in
 * {@code ALMANAC_HOME} (default {@code .almanac}) and survives restarts.
 * {@code ... almanac-local.jar bench-visibility [commands]} runs the visibility benchmark on a
 * throw-away stack instead; {@code ... bench-load [--rates 500,1000 ...]} runs the load benchmark
 * against a stack that is already running; {@code ... dlt-replay --dlt <topic>.DLT} replays a
 * dead-letter topic ({@link DltReplay}); {@code ... gateway [--bind 0.0.0.0]} runs the gateway alone in
 * front of services that run elsewhere ({@link GatewayCommand}); {@code ... read-model-store --port N} is the
 * read models' MongoDB that the stack starts in a JVM of its own ({@link ReadModelStore}).
 */
public final class AlmanacLocal {

    private static final Logger log = LoggerFactory.getLogger(AlmanacLocal.class);

    /** The embedded components' fixed ports on a local stack (Kafka, its controller, PostgreSQL, MongoDB). */
    public static final EmbeddedInfrastructure.Ports INFRASTRUCTURE_PORTS = new EmbeddedInfrastructure.Ports(9092, 9093, 5433, 27017);
    /** The local stack's Kafka, the tools' default broker. */
    public static final String KAFKA_BOOTSTRAP = "127.0.0.1:" + INFRASTRUCTURE_PORTS.kafka();

    private AlmanacLocal() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Path repository = Path.of(env("ALMANAC_REPOSITORY", ".")).toAbsolutePath().normalize();
        if (args.length > 0 && "bench-visibility".equals(args[0])) {
            VisibilityLatency.run(repository, args.length > 1 ? Integer.parseInt(args[1]) : 200);
            return;
        }
        if (args.length > 0 && "bench-load".equals(args[0])) {
            LoadBenchmark.run(parsedOrExit(() -> loadSettings(Arrays.asList(args).subList(1, args.length)), LOAD_USAGE));
            return;
        }
        if (args.length > 0 && "dlt-replay".equals(args[0])) {
            // A command, not a stack: the Kafka client's WARN a second while a broker is unreachable would bury the one
            // line that says why.
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.ERROR);
            System.exit(DltReplay.main(Arrays.asList(args).subList(1, args.length), System.out, System.err));
            return;
        }
        if (args.length > 0 && ReadModelStore.COMMAND.equals(args[0])) {
            ReadModelStore.serve(Arrays.asList(args).subList(1, args.length));
            return;
        }
        if (args.length > 0 && "gateway".equals(args[0])) {
            GatewayCommand.run(parsedOrExit(() -> GatewayCommand.settings(Arrays.asList(args).subList(1, args.length)),
                    GatewayCommand.USAGE));
            return;
        }
        Path data = Path.of(env("ALMANAC_HOME", repository.resolve(".almanac").toString())).toAbsolutePath();
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, service.defaultPort());
        }
        LocalStack.Options options = new LocalStack.Options(repository, data, true,
                INFRASTRUCTURE_PORTS,
                Integer.parseInt(env("ALMANAC_GATEWAY_PORT", "8080")), ports,
                List.of(env("ALMANAC_SERVICE_JAVA_OPTS", String.join(" ", LocalStack.Options.SERVING_JAVA_OPTIONS)).split("\\s+")),
                env("ALMANAC_BIND_ADDRESS", LocalStack.Options.LOOPBACK),
                // ALMANAC_SERVICE_JAVA_OPTS, when set, is every service's, rule-expander's included.
                env("ALMANAC_SERVICE_JAVA_OPTS", "").isEmpty()
                        ? Map.of(Service.RULE_EXPANDER, LocalStack.Options.RULE_EXPANDER_JAVA_OPTIONS) : Map.of());

        int readSidePrecedence = parsedOrExit(() -> ReadSidePrecedence.levels(System.getenv(ReadSidePrecedence.VARIABLE)),
                "Leave it unset, or set it to 0, to schedule every process of the stack alike.");
        // Refused here, before anything starts; the stack reads the same variables again as it starts its children.
        parsedOrExit(options::schedulingGroups,
                "Leave it unset to run each JVM of the stack in a session of its own (in the launcher's, with "
                        + ReadSidePrecedence.VARIABLE + ").");

        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (FreePorts.PortTakenException | HomeLock.InUseException inUse) {
            System.err.println("Almanac did not start: " + inUse.getMessage());
            System.exit(1);
            throw inUse;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "almanac-stop"));

        String precedence = readSidePrecedence(stack, readSidePrecedence);
        String groups = stack.schedulingLaunch().describe(SchedulingGroups.autogroupsOn());
        try {
            new DemoData(stack.gatewayUrl(), Clock.systemUTC()).seed();
        } catch (RuntimeException refused) {
            // Not left running half-working behind a stack trace: the shutdown hook stops everything it started.
            log.error("Almanac started, but the demo data could not be written, so it stops; the services' logs are in {}",
                    stack.dataDirectory().resolve("logs"), refused);
            System.exit(1);
        }
        printWelcome(stack, (System.nanoTime() - started) / 1_000_000, Footprint.residentMebibytes(stack.processes()), precedence,
                groups);
        stopped.await();
    }

    /** Gives the read side the CPU first, and says how it went; a system that will not is no reason to stop. */
    private static String readSidePrecedence(LocalStack stack, int levels) {
        if (levels == 0) {
            return "every process alike (" + ReadSidePrecedence.VARIABLE + "=5 gives query-service and its MongoDB the CPU first)";
        }
        try {
            int threads = stack.yieldToReadSide(levels);
            return "query-service and the read models' MongoDB first; " + threads + " threads of the rest " + levels
                    + " nice levels lower (" + ReadSidePrecedence.VARIABLE + ")";
        } catch (IllegalStateException refused) {
            log.warn("Could not give the read side the CPU first; every process is scheduled alike: {}", refused.getMessage());
            return "every process alike (" + refused.getMessage() + ")";
        }
    }

    private static void printWelcome(LocalStack stack, long startMillis, long residentMebibytes, String precedence,
                                     String groups) {
        String api = stack.gatewayUrl() + "/api/v1";
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        StringBuilder text = new StringBuilder()
                .append("\nAlmanac is running (started in ").append(startMillis / 1000.0).append(" s, ")
                .append(residentMebibytes).append(" MiB resident in all).\n\n")
                .append("  API, every service:   ").append(api).append('\n')
                .append("  Week heatmap:         ").append(api).append("/schedules/window?from=").append(today)
                .append("&till=").append(today.plus(7, ChronoUnit.DAYS)).append("&timezone=America/New_York\n")
                .append("  Demo calendar:        ").append(api).append("/calendars/").append(DemoData.BALLROOM).append('\n')
                .append("  Conflicts:            ").append(api).append("/conflicts\n")
                .append("  OpenAPI documents:    ").append(stack.gatewayUrl()).append("/api-docs/{command-service,query-service,conflict-detector,rule-expander}\n\n");
        stack.serviceUrls().forEach((service, url) -> text.append("  ")
                .append(String.format("%-22s", service.serviceName() + ":")).append(url)
                .append("   (health ").append(url).append("/actuator/health, metrics /actuator/prometheus)\n"));
        text.append('\n')
                .append("  Kafka:                ").append(stack.infrastructure().kafkaBootstrapServers()).append('\n')
                .append("  PostgreSQL:           ").append(stack.infrastructure().postgresJdbcUrl()).append(" (user postgres)\n")
                .append("  MongoDB:              ").append(stack.infrastructure().mongoConnectionString()).append('\n')
                .append("  MongoDB, read models: ").append(stack.infrastructure().readModelMongoConnectionString())
                .append(" (in memory in a JVM of its own, rebuilt from the topics at each start)\n")
                .append("  Data and logs:        ").append(stack.dataDirectory()).append('\n')
                .append("  CPU:                  ").append(precedence).append('\n')
                .append("  Scheduling groups:    ").append(groups).append('\n')
                .append("\nPress Ctrl-C to stop.\n");
        System.out.println(text);
    }

    static final String LOAD_USAGE = """
            usage: java -jar almanac-local.jar bench-load [--gateway URL] [--bootstrap HOST:PORT] [--rates 500,1000]
                                                          [--seconds 60] [--calendars 100] [--window-readers 8]
                                                          [--visibility-probe token|poll] [--warm-up-limit 600]
              Drives the running local stack (./run-local) at each rate in turn, after a warm-up, and reports
              latencies, lag, read-your-writes, the CPU per command and what the JIT compilers took.
              The warm-up runs steps of 10 s at 50, 100 and 200 commands/s (or the first rate, if lower), then
              rounds of 20 s at that rate until the stack's JIT compilers use at most 0.05 of a core.
              --warm-up-limit S: how many seconds those rounds may take (0: none, so the first steps measure a
              stack that is still compiling).
              --window-readers N: N clients read month windows of the loaded calendars meanwhile, one after
              another, as a browser does (gzip, and the tag of their last answer), and their latency is reported.
              --visibility-probe: token asks the window once with the probe command's consistency token, as a
              frontend that has just written does; poll asks it again and again until it counts the item.
              Defaults: --gateway http://127.0.0.1:8080 --bootstrap 127.0.0.1:9092 --rates 500 --seconds 60
              --calendars 100 --window-readers 0 --visibility-probe token --warm-up-limit 600.""";

    private static final Set<String> LOAD_OPTIONS = Set.of("gateway", "bootstrap", "rates", "seconds", "calendars", "window-readers",
            "visibility-probe", "warm-up-limit");

    /**
     * {@code --gateway URL --bootstrap HOST:PORT --rates 500,1000 --seconds 60 --calendars 100}, each
     * optional; anything else, {@code --help} included, is refused before any load is sent.
     */
    static LoadBenchmark.Settings loadSettings(List<String> args) {
        CommandOptions options = CommandOptions.parse("bench-load", args, LOAD_OPTIONS, Set.of());
        return new LoadBenchmark.Settings(
                options.value("gateway", "http://127.0.0.1:8080"),
                options.value("bootstrap", KAFKA_BOOTSTRAP),
                options.numbers("rates", 1, "500"),
                Duration.ofSeconds(options.number("seconds", 1, 60)),
                options.number("calendars", 1, 100),
                options.number("window-readers", 0, 0),
                visibilityProbe(options.value("visibility-probe", "token")),
                Duration.ofSeconds(options.number("warm-up-limit", 0, 600)));
    }

    private static boolean visibilityProbe(String mode) {
        return switch (mode) {
            case "token" -> true;
            case "poll" -> false;
            default -> throw new IllegalArgumentException("--visibility-probe is token or poll, not " + mode);
        };
    }

    /** A command's parsed options; a bad one ends the JVM with its message and the usage (exit 2) before anything runs. */
    private static <T> T parsedOrExit(Supplier<T> parse, String usage) {
        try {
            return parse.get();
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage() + "\n\n" + usage);
            System.exit(2);
            throw bad;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
