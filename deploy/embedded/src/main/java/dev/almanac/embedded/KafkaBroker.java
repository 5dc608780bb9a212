package dev.almanac.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.jspecify.annotations.Nullable;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller), running in this
 * JVM. Its log directory is formatted once and reused, so topics and committed offsets
 * survive a restart when the same directory is given again.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;

    /** The server as it runs now: {@link #restart()} replaces it with one on the same ports and log directory. */
    private volatile KafkaRaftServer server;
    private final Map<String, Object> properties;
    private final String bootstrapServers;
    private final @Nullable Security security;

    private KafkaBroker(KafkaRaftServer server, Map<String, Object> properties, String bootstrapServers, @Nullable Security security) {
        this.server = server;
        this.properties = Map.copyOf(properties);
        this.bootstrapServers = bootstrapServers;
        this.security = security;
    }

    /** A broker alone, on two free ports. */
    public static KafkaBroker startOnFreePorts(Path logDirectory) {
        return startOnFreePorts(logDirectory, null);
    }

    /** A broker alone, on two free ports; secured when {@code security} is given. */
    public static KafkaBroker startOnFreePorts(Path logDirectory, @Nullable Security security) {
        int port;
        int controllerPort;
        try (FreePorts free = new FreePorts()) {
            port = free.orFree(0);
            controllerPort = free.orFree(0);
        }
        return start(logDirectory, port, controllerPort, security);
    }

    public static KafkaBroker start(Path logDirectory, int port, int controllerPort) {
        return start(logDirectory, port, controllerPort, null);
    }

    /**
     * @param security null for PLAINTEXT without authorisation (as before ADR 0091); otherwise SASL on every listener and
     *                 ACLs by Kafka's StandardAuthorizer
     */
    public static KafkaBroker start(Path logDirectory, int port, int controllerPort, @Nullable Security security) {
        try {
            Files.createDirectories(logDirectory);
            Map<String, Object> properties = brokerProperties(logDirectory, port, controllerPort);
            if (security != null) {
                properties.putAll(security.brokerProperties(port, controllerPort));
            }
            KafkaConfig config = new KafkaConfig(properties, false);
            formatOnce(logDirectory, config);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            return new KafkaBroker(server, properties, "127.0.0.1:" + port, security);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker did not start in " + logDirectory, e);
        }
    }

    private static Map<String, Object> brokerProperties(Path logDirectory, int port, int controllerPort) {
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDirectory.toAbsolutePath().toString());
        // As almanac.kafka.partitions by default, for topics created on first use (ADR 0069).
        props.put("num.partitions", "12");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        // Every record stays: query-service rebuilds its in-memory read models from the topics (ADR 0014).
        props.put("log.retention.ms", "-1");
        // No forced fsync per message: like a production broker, rely on the page cache, which a
        // process crash does not lose. Syncing every record capped the whole stack's throughput.
        return props;
    }

    /**
     * A secured broker (ADR 0091): clients authenticate with SASL/SCRAM-SHA-512 as users created through the admin
     * ({@link #adminProperties()}), and may do only what ACLs allow them. The broker itself, its controller and the admin
     * are the one super user {@code admin}, by SASL/PLAIN with a password given at each start: PLAIN needs no credentials
     * in the cluster's metadata, so the broker can reach its controller before any SCRAM user exists, and a log directory
     * formatted without security can be secured later. Nothing is left anonymous: no listener speaks PLAINTEXT.
     *
     * @param adminPassword the super user's password, for this start only
     */
    public record Security(String adminPassword) {

        public static final String ADMIN = "admin";
        public static final String CLIENT_MECHANISM = "SCRAM-SHA-512";
        static final String LISTENER = "SASL_PLAINTEXT";

        /** A random password for the admin of one start. */
        public static Security withRandomAdminPassword() {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            return new Security(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        }

        Map<String, Object> brokerProperties(int port, int controllerPort) {
            String adminJaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                    + "\" password=\"" + adminPassword + "\" user_" + ADMIN + "=\"" + adminPassword + "\";";
            Map<String, Object> props = new HashMap<>();
            props.put("listeners", LISTENER + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", LISTENER + "://127.0.0.1:" + port);
            props.put("listener.security.protocol.map", LISTENER + ":SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
            props.put("inter.broker.listener.name", LISTENER);
            props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
            props.put("sasl.mechanism.controller.protocol", "PLAIN");
            props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
            props.put("listener.name.controller.plain.sasl.jaas.config", adminJaas);
            props.put("listener.name.sasl_plaintext.sasl.enabled.mechanisms", CLIENT_MECHANISM + ",PLAIN");
            props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", adminJaas);
            props.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            props.put("super.users", "User:" + ADMIN);
            props.put("allow.everyone.if.no.acl.found", "false");
            return props;
        }

        /** What a client needs besides the bootstrap servers to act as the admin. */
        public Map<String, Object> adminClientProperties() {
            return Map.of("security.protocol", LISTENER, "sasl.mechanism", "PLAIN",
                    "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                            + "\" password=\"" + adminPassword + "\";");
        }

        /** What a client needs besides the bootstrap servers to act as the SCRAM user {@code username}. */
        public static Map<String, Object> scramClientProperties(String username, String password) {
            return Map.of("security.protocol", LISTENER, "sasl.mechanism", CLIENT_MECHANISM,
                    "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                            + "\" password=\"" + password + "\";");
        }

        @Override
        public String toString() {
            return "Security[admin password hidden]";
        }
    }

    private static void formatOnce(Path logDirectory, KafkaConfig config) throws Exception {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDirectory.toAbsolutePath().toString()))
                .setMetadataLogDirectory(logDirectory.toAbsolutePath().toString())
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setControllerListenerName("CONTROLLER")
                .run();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The security it runs with; empty when it speaks PLAINTEXT to anyone. */
    public Optional<Security> security() {
        return Optional.ofNullable(security);
    }

    /** A client's properties to act as the super user (bootstrap servers included); on an unsecured broker, anyone's. */
    public Map<String, Object> adminProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", bootstrapServers);
        if (security != null) {
            properties.putAll(security.adminClientProperties());
        }
        return properties;
    }

    /**
     * Stops the broker as a restarted production broker stops (a controlled shutdown), runs {@code whileDown}, and starts
     * it again on the same ports and log directory, so that its clients reconnect to the address they know and find their
     * topics and committed offsets (the fault suite's broker restart, issue 74).
     */
    public synchronized void restart(Runnable whileDown) {
        close();
        try {
            whileDown.run();
        } finally {
            KafkaRaftServer restarted = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
            restarted.startup();
            server = restarted;
        }
    }

    @Override
    public void close() {
        KafkaRaftServer running = server;
        running.shutdown();
        running.awaitShutdown();
    }
}
