package dev.almanac.tools.dltreplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import dev.almanac.embedded.KafkaBroker;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.platform.kafka.ServiceDeadLetters;

/**
 * dlt-replay on a secured cluster (ADR 0091): with {@code --command-config} naming a SCRAM user that holds only the ACLs
 * docs/runbooks.md lists for it, it replays a dead letter; without credentials the broker never answers it, and the run
 * fails saying so.
 */
class SecuredDltReplayIT {

    private static final String TOPIC = "dlt-replay-secured.v1";
    private static final String USER = "dlt-replay";

    @TempDir
    static Path directory;
    private static KafkaBroker broker;

    @BeforeAll
    static void securedBrokerWithAReplayUser() throws Exception {
        broker = KafkaBroker.startOnFreePorts(directory.resolve("kafka"), KafkaBroker.Security.withRandomAdminPassword());
        try (Admin admin = Admin.create(broker.adminProperties())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1), new NewTopic(TOPIC + ".DLT", 1, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), "replay-password"))).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(List.of(
                    allow(ResourceType.TOPIC, TOPIC + ".DLT", AclOperation.READ),
                    allow(ResourceType.TOPIC, TOPIC, AclOperation.WRITE),
                    allow(ResourceType.GROUP, DltReplay.GROUP, AclOperation.READ))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> producer = new HashMap<>(broker.adminProperties());
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer, new StringSerializer(),
                new ByteArraySerializer()));
        try {
            ConsumerRecord<String, byte[]> failed = new ConsumerRecord<>(TOPIC, 0, 7, 1_795_000_000_000L, TimestampType.CREATE_TIME, -1, -1,
                    "ballroom", "{\"item_id\":\"item-1\"}".getBytes(StandardCharsets.UTF_8),
                    new RecordHeaders().add(CloudEventHeaders.ID, "evt-1".getBytes(StandardCharsets.UTF_8)), Optional.empty());
            ServiceDeadLetters.deadLetter(template, failed, new ListenerExecutionFailedException("Listener method 'on' threw exception",
                    "secured-it", new IllegalStateException("no calendar")));
        } finally {
            template.destroy();
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void withoutCredentialsTheRunFailsSayingKafkaDidNotAnswer() {
        var err = new ByteArrayOutputStream();

        int exit = DltReplay.main(List.of("--dlt", TOPIC + ".DLT", "--dry-run", "--bootstrap", broker.bootstrapServers()),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ofSeconds(3));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("dlt-replay failed: Kafka at " + broker.bootstrapServers()
                + " did not answer within 3 s");
    }

    @Test
    void aUserWithTheReplaysAclsReplaysWithACommandConfigFile() throws Exception {
        Path config = directory.resolve("dlt-replay.properties");
        Files.writeString(config, """
                security.protocol=SASL_PLAINTEXT
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="replay-password";
                """.formatted(USER));
        List<String> args = List.of("--dlt", TOPIC + ".DLT", "--bootstrap", broker.bootstrapServers(), "--command-config", config.toString());

        // The broker learns of a new SCRAM user through its metadata log, a moment after the admin call returns.
        Summary summary = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> DltReplay.run(DltReplay.settings(args), new PrintStream(new ByteArrayOutputStream())), replay -> true);

        assertThat(summary.replayed()).isEqualTo(1);
        assertThat(summary.replayedByTopic()).containsExactly(Map.entry(TOPIC, 1));
    }

    private static AclBinding allow(ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + USER, "*", operation, AclPermissionType.ALLOW));
    }
}
