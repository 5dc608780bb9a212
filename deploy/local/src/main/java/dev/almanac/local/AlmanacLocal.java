package dev.almanac.local;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.console.ConsoleServer;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.embedded.FreePorts;

/**
 * {@code java -jar deploy/local/target/almanac-local.jar} ({@code ./run-local}): runs Almanac on this machine with
 * embedded defaults and demo data, and stops it cleanly on Ctrl-C. Data lives in {@code ALMANAC_HOME} (default
 * {@code .almanac}) and survives restarts. The jar has two more mains, chosen with Spring Boot's {@code loader.main}:
 * the gateway alone ({@link GatewayCommand}) and the read models' MongoDB the stack starts in a JVM of its own
 * ({@link ReadModelStore}). The tools are programs of their own: {@code tools/dlt-replay}, {@code benchmarks}.
 */
public final class AlmanacLocal {

    private static final Logger log = LoggerFactory.getLogger(AlmanacLocal.class);

    /** The embedded components' fixed ports on a local stack (Kafka, its controller, PostgreSQL, MongoDB). */
    public static final EmbeddedInfrastructure.Ports INFRASTRUCTURE_PORTS = new EmbeddedInfrastructure.Ports(9092, 9093, 5433, 27017);
    /** The gateway's port unless ALMANAC_GATEWAY_PORT says otherwise. */
    public static final int GATEWAY_PORT = 8080;
    /**
     * The executor reports its own liveness as the demo data's heartbeat rule, so that its beats go missed while it is
     * stopped. Test stacks seed no demo data and leave it off: rule-expander sets aside a report of a rule it does not know.
     */
    static final Map<String, String> EXECUTOR_HEARTBEAT = Map.of(
            "ALMANAC_EXECUTOR_HEARTBEAT_RULE_ID", DemoData.EXECUTOR_HEARTBEAT_RULE,
            "ALMANAC_EXECUTOR_HEARTBEAT_CALENDAR_ID", DemoData.OPS);

    private AlmanacLocal() {
    }

    public static void main(String[] args) throws Exception {
        Path repository = Path.of(env("ALMANAC_REPOSITORY", ".")).toAbsolutePath().normalize();
        Path data = Path.of(env("ALMANAC_HOME", repository.resolve(".almanac").toString())).toAbsolutePath();
        if (args.length > 0 && TokenCommand.NAME.equals(args[0])) {
            TokenCommand.run(List.of(args).subList(1, args.length), data);
            return;
        }
        if (args.length > 0) {
            System.err.println("almanac-local takes no arguments but `token` (a token of the local issuer: ./run-local token --help);"
                    + " it is configured by ALMANAC_* variables (README.md).\n"
                    + "dlt-replay and bench-load are programs of their own: ./dlt-replay, java -jar benchmarks/target/bench-load.jar");
            System.exit(2);
        }
        boolean jwt;
        try {
            jwt = LocalStack.jwtMode(System.getenv());
        } catch (IllegalArgumentException unknownMode) {
            System.err.println("Almanac did not start: " + unknownMode.getMessage());
            System.exit(2);
            throw unknownMode;
        }
        long started = System.nanoTime();
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, service.defaultPort());
        }
        LocalStack.Options options = new LocalStack.Options(repository, data, true,
                INFRASTRUCTURE_PORTS,
                Integer.parseInt(env("ALMANAC_GATEWAY_PORT", Integer.toString(GATEWAY_PORT))), ports,
                List.of(env("ALMANAC_SERVICE_JAVA_OPTS", String.join(" ", LocalStack.Options.SERVING_JAVA_OPTIONS)).split("\\s+")),
                env("ALMANAC_BIND_ADDRESS", LocalStack.Options.LOOPBACK),
                // ALMANAC_SERVICE_JAVA_OPTS, when set, is every service's, rule-expander's included.
                env("ALMANAC_SERVICE_JAVA_OPTS", "").isEmpty()
                        ? Map.of(Service.RULE_EXPANDER, LocalStack.Options.RULE_EXPANDER_JAVA_OPTIONS) : Map.of(),
                Integer.parseInt(env("ALMANAC_CONSOLE_PORT", Integer.toString(ConsoleServer.DEFAULT_PORT))),
                Map.of(Service.EXECUTOR, EXECUTOR_HEARTBEAT), ServiceHosting.fromEnvironment(),
                List.of(env("ALMANAC_HOST_JAVA_OPTS", String.join(" ", LocalStack.Options.HOST_JAVA_OPTIONS)).split("\\s+")));

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

        if ("multi".equalsIgnoreCase(env("ALMANAC_IDENTITY_TENANCY", "single").trim())) {
            log.info("Demo data: none with tenants (ALMANAC_IDENTITY_TENANCY=multi), since its ids name no tenant. Mint a token with"
                    + " ./run-local token --user <you> --tenant <tenant> and create calendars whose ids begin with <tenant>: (ADR 0102)");
        } else {
            seedDemoData(stack, jwt ? LocalIssuer.of(data, Clock.systemUTC()) : null);
        }
        printWelcome(stack, (System.nanoTime() - started) / 1_000_000, Footprint.residentMebibytes(stack.processes()));
        stopped.await();
    }

    /** In JWT mode the demo data is written with the local issuer's token for an admin named as the development identity. */
    private static void seedDemoData(LocalStack stack, @Nullable LocalIssuer issuer) {
        String token = issuer == null ? null : issuer.mint("developer", List.of("admin"), null, Duration.ofMinutes(10));
        try {
            new DemoData(stack.gatewayUrl(), stack.serviceUrls().get(Service.EXECUTOR), Clock.systemUTC(), token).seed();
        } catch (RuntimeException refused) {
            // Not left running half-working behind a stack trace: the shutdown hook stops everything it started.
            log.error("Almanac started, but the demo data could not be written, so it stops; the services' logs are in {}",
                    stack.dataDirectory().resolve("logs"), refused);
            System.exit(1);
        }
    }

    private static void printWelcome(LocalStack stack, long startMillis, long residentMebibytes) {
        String api = stack.gatewayUrl() + "/api/v1";
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        StringBuilder text = new StringBuilder()
                .append("\nAlmanac is running (started in ").append(startMillis / 1000.0).append(" s, ")
                .append(residentMebibytes).append(" MiB resident in all).\n\n")
                .append("  Console:              ").append(stack.consoleUrl()).append("   (open it in a browser)\n")
                .append("  API, every service:   ").append(api).append('\n')
                .append("  Week heatmap:         ").append(api).append("/schedules/window?from=").append(today)
                .append("&till=").append(today.plus(7, ChronoUnit.DAYS)).append("&timezone=America/New_York\n")
                .append("  Demo calendar:        ").append(api).append("/calendars/").append(DemoData.BALLROOM).append('\n')
                .append("  Conflicts:            ").append(api).append("/conflicts\n")
                .append("  Notifications:        ").append(api).append("/notifications   (PUT ").append(api)
                .append("/notification-preferences to have them e-mailed)\n")
                .append("  Mailbox (local SMTP): ").append(stack.mailboxUrl()).append("   (what was e-mailed; SMTP on 127.0.0.1:")
                .append(stack.smtpPort()).append(")\n")
                .append("  API docs:             ").append(stack.gatewayUrl()).append("/swagger-ui/ (every service's OpenAPI document)\n")
                .append("  OpenAPI documents:    ").append(stack.gatewayUrl()).append("/api-docs/{command-service,query-service,conflict-detector,rule-expander}\n\n");
        stack.serviceUrls().forEach((service, url) -> text.append("  ")
                .append(String.format("%-22s", service.serviceName() + ":")).append(url)
                .append("   (health ").append(url).append("/actuator/health, metrics /actuator/prometheus)\n"));
        text.append('\n')
                .append("  Kafka:                ").append(stack.infrastructure().kafkaBootstrapServers()).append('\n')
                .append("  PostgreSQL:           ").append(stack.infrastructure().postgresJdbcUrl()).append(" (user postgres)\n")
                .append("  MongoDB:              ").append(stack.infrastructure().mongoConnectionString()).append('\n')
                .append("  MongoDB, read models: ").append(stack.infrastructure().readModelMongoConnectionString())
                .append(" (in memory in a JVM of its own, kept across a clean stop in mongo/")
                .append(ReadModelStore.SNAPSHOT_FILE).append(")\n")
                .append("  Data and logs:        ").append(stack.dataDirectory()).append('\n')
                .append("\nPress Ctrl-C to stop.\n");
        System.out.println(text);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
