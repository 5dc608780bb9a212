package dev.almanac.benchmarks.load;

/**
 * What bench-load knows of the local stack ({@code ./run-local}) without depending on its code: where it listens, and
 * how its processes are told apart on this machine. deploy/local's {@code ToolsKnowTheLocalStackTest} checks each
 * against the launcher's own.
 */
public final class LocalStackDefaults {

    /** The gateway, the one base URL. */
    public static final String GATEWAY = "http://127.0.0.1:8080";
    /** The embedded Kafka broker. */
    public static final String KAFKA = "127.0.0.1:9092";
    /** The embedded PostgreSQL's port; the test suites' embedded servers take free ones. */
    public static final int POSTGRES_PORT = 5433;
    /** The launcher's executable jar, on its command line. */
    public static final String LAUNCHER_JAR = "almanac-local.jar";
    /** The main class of the read models' MongoDB, which the launcher starts in a JVM of its own. */
    public static final String READ_MODEL_STORE_MAIN = "dev.almanac.local.ReadModelStore";
    /** The main class of the services host, which runs every service in one JVM (ADR 0099). */
    public static final String SERVICES_HOST_MAIN = "dev.almanac.local.host.ServicesHost";

    /** Whether {@code commandLine} is the launcher's own: its jar, and neither of the other mains it starts from it. */
    public static boolean isLauncher(String commandLine) {
        return commandLine.contains(LAUNCHER_JAR) && !commandLine.contains(READ_MODEL_STORE_MAIN) && !commandLine.contains(SERVICES_HOST_MAIN);
    }

    private LocalStackDefaults() {
    }
}
