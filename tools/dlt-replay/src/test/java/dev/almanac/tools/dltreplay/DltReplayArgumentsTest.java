package dev.almanac.tools.dltreplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dlt-replay touches Kafka only when every argument is understood; each refusal names the argument and its rule. */
class DltReplayArgumentsTest {

    @Test
    void onlyTheDeadLetterTopicIsNeeded() {
        DltReplay.Settings settings = DltReplay.settings(List.of("--dlt", "almanac.schedule.v1.DLT"));

        assertThat(settings.originalTopic()).isEqualTo("almanac.schedule.v1");
        assertThat(settings.bootstrap()).as("the local stack's Kafka").isEqualTo("127.0.0.1:9092");
        assertThat(settings.partition()).isNull();
        assertThat(settings.fromOffset()).isNull();
        assertThat(settings.toOffset()).isNull();
        assertThat(settings.reason()).isEqualTo(Reason.ANY);
        assertThat(settings.dryRun()).as("replays unless --dry-run").isFalse();
    }

    @Test
    void everyOptionIsRead() {
        DltReplay.Settings settings = DltReplay.settings(List.of("--dry-run", "--dlt", "conflict-detector-commands.DLT",
                "--bootstrap", "kafka-1:9092,kafka-2:9092", "--partition", "2", "--from-offset", "10", "--to-offset", "10",
                "--reason", "poison"));

        assertThat(settings).isEqualTo(new DltReplay.Settings("conflict-detector-commands.DLT", "kafka-1:9092,kafka-2:9092",
                Map.of(), 2, 10L, 10L, new Reason("poison"), true));
    }

    /** A secured cluster's client properties come from a file, as Kafka's own tools take them; its passwords are not printed. */
    @Test
    void aCommandConfigFileGivesTheClientsItsPropertiesButNotTheReplaysOwn(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("dlt-replay.properties");
        Files.writeString(file, """
                security.protocol=SASL_PLAINTEXT
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="ops" password="s3cret";
                """);

        DltReplay.Settings settings = DltReplay.settings(List.of("--dlt", "a.DLT", "--command-config", file.toString()));

        assertThat(settings.clientProperties()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").hasSize(3);
        assertThat(settings.client(Map.of("group.id", "almanac-dlt-replay")))
                .containsEntry("bootstrap.servers", "127.0.0.1:9092").containsEntry("group.id", "almanac-dlt-replay")
                .containsEntry("security.protocol", "SASL_PLAINTEXT");
        assertThat(settings.toString()).doesNotContain("s3cret");

        Path overriding = directory.resolve("overriding.properties");
        Files.writeString(overriding, "group.id=mine\nbootstrap.servers=elsewhere:9092\nssl.truststore.type=PEM\n");
        refused(List.of("--dlt", "a.DLT", "--command-config", overriding.toString()),
                "--command-config " + overriding + " sets bootstrap.servers, group.id, which the replay decides itself");
        refused(List.of("--dlt", "a.DLT", "--command-config", directory.resolve("absent.properties").toString()),
                "--command-config " + directory.resolve("absent.properties") + " cannot be read");
    }

    @Test
    void eachBadArgumentIsNamedWithItsRule() {
        refused(List.of(), "--dlt is required");
        refused(List.of("--dlt", "almanac.schedule.v1"), "--dlt must name a dead-letter topic, <topic>.DLT, not almanac.schedule.v1");
        refused(List.of("--dlt", ".DLT"), "--dlt must name a dead-letter topic");
        refused(List.of("--help"), "dlt-replay does not know --help");
        refused(List.of("--dlt", "a.DLT", "--dry-run", "yes"), "dlt-replay does not know yes");
        refused(List.of("--dlt"), "--dlt needs a value");
        refused(List.of("--dlt", "--dry-run"), "--dlt needs a value");
        refused(List.of("--dlt", "a.DLT", "--bootstrap", "localhost"), "--bootstrap must be HOST:PORT");
        refused(List.of("--dlt", "a.DLT", "--partition", "-1"), "--partition must be between 0 and 2147483647, not -1");
        refused(List.of("--dlt", "a.DLT", "--partition", "one"), "--partition takes whole numbers, not one");
        refused(List.of("--dlt", "a.DLT", "--from-offset", "3"), "--from-offset and --to-offset need --partition");
        refused(List.of("--dlt", "a.DLT", "--to-offset", "3"), "--from-offset and --to-offset need --partition");
        refused(List.of("--dlt", "a.DLT", "--partition", "0", "--from-offset", "4", "--to-offset", "3"),
                "--from-offset 4 is after --to-offset 3; both are inclusive");
        refused(List.of("--dlt", "a.DLT", "--reason", " "), "--reason needs poison, error or a part of an exception's class name");
    }

    @Test
    void theCommandLineAnswersBadArgumentsWithTheReasonAndTheUsage() {
        var err = new ByteArrayOutputStream();

        int exit = DltReplay.main(List.of("--dlt", "almanac.schedule.v1"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("dlt-replay: --dlt must name a dead-letter topic")
                .contains("usage: dlt-replay --dlt <topic>.DLT")
                .contains("--bootstrap 127.0.0.1:9092")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void anUnreachableKafkaIsOneLineSayingSoAndNoSummaryOfNothing() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        // Nothing listens on port 1: the client retries until the command's own timeout, here 2 s rather than 15.
        int exit = DltReplay.main(List.of("--dlt", "almanac.schedule.v1.DLT", "--dry-run", "--bootstrap", "127.0.0.1:1"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ofSeconds(2));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .startsWith("dlt-replay failed: Kafka at 127.0.0.1:1 did not answer within 2 s")
                .doesNotContain("\n");
    }

    private static void refused(List<String> args, String message) {
        assertThatThrownBy(() -> DltReplay.settings(args)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
}
