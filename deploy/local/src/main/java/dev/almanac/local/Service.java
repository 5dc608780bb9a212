package dev.almanac.local;

/**
 * The six services and their default local ports. Kubernetes service names match the module names. The dispatcher
 * publishes each due occurrence once (ADR 0070); the executor is the reference executor that runs the http jobs.
 * rule-expander is the one bulk worker: it materialises the horizon for other services, and locally it runs at a
 * lower CPU priority ({@link #background()}), so that a person's command and read go first on a shared machine.
 */
public enum Service {
    COMMAND_SERVICE("command-service", 8081),
    QUERY_SERVICE("query-service", 8082),
    RULE_EXPANDER("rule-expander", 8083),
    CONFLICT_DETECTOR("conflict-detector", 8084),
    DISPATCHER("dispatcher", 8086),
    EXECUTOR("executor", 8087);

    private final String serviceName;
    private final int defaultPort;

    Service(String serviceName, int defaultPort) {
        this.serviceName = serviceName;
        this.defaultPort = defaultPort;
    }

    public String serviceName() {
        return serviceName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Whether the service's work is bulk that nobody waits on, which a shared machine should run last. */
    public boolean background() {
        return this == RULE_EXPANDER;
    }
}
