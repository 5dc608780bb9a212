package dev.almanac.local;

/**
 * The six services and their default local ports. Kubernetes service names match the module names. The dispatcher
 * publishes each due occurrence once (ADR 0070); the executor is the reference executor that runs the http jobs.
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
}
