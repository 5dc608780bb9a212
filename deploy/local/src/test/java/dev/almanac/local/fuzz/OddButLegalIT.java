package dev.almanac.local.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.almanac.events.Topics;
import dev.almanac.local.LocalStack;
import dev.almanac.local.TestStack;

/**
 * Processed end to end, or refused: valid commands with odd but legal content go through the
 * gateway, and every one that command-service accepts must show in the read models, while no
 * consumer dead-letters anything. A command-service that accepts what a consumer cannot store
 * fails here.
 */
class OddButLegalIT {

    private static final Logger log = LoggerFactory.getLogger(OddButLegalIT.class);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void everyAcceptedCommandReachesEveryReadModelAndNothingIsDeadLettered() throws Exception {
        LocalStack stack = TestStack.shared();
        long seed = Long.getLong("almanac.fuzz.seed", System.nanoTime());
        String run = "odd" + Long.toString(seed % 1_000_000_000L, 36);
        log.info("Odd-but-legal seed {} (rerun with -Dalmanac.fuzz.seed={})", seed, seed);
        LegalOddCommands commands = new LegalOddCommands(seed, run);
        String api = stack.gatewayUrl() + "/api/v1";

        Map<String, ObjectNode> calendars = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            ObjectNode calendar = commands.calendar(i);
            assertThat(post(api + "/calendars", calendar)).as("calendar %s", calendar).isEqualTo(201);
            calendars.put(calendar.get("id").asString(), calendar);
        }
        List<String> calendarIds = new ArrayList<>(calendars.keySet());
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ObjectNode item = commands.item(i, commands.pick(calendarIds));
            assertThat(post(api + "/schedules", item)).as("item %s", item).isEqualTo(201);
            items.add(item);
        }
        List<ObjectNode> rules = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ObjectNode rule = commands.rule(i, commands.pick(calendarIds));
            assertThat(post(api + "/schedules/rules", rule)).as("rule %s", rule).isEqualTo(201);
            rules.add(rule);
        }

        await().atMost(PATIENCE).untilAsserted(() -> {
            for (Map.Entry<String, ObjectNode> calendar : calendars.entrySet()) {
                JsonNode view = getJson(api + "/calendars/" + calendar.getKey());
                assertThat(view.path("name").asString()).isEqualTo(calendar.getValue().get("name").asString().strip());
                assertThat(view.path("timezone").asString()).isEqualTo(calendar.getValue().get("timezone").asString());
            }
        });
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (ObjectNode item : items) {
                Instant start = Instant.parse(item.get("start").asString());
                JsonNode entries = getJson(api + "/calendars/" + item.get("calendar_id").asString() + "/entries?from="
                        + encode(start.minusSeconds(1).toString()) + "&till=" + encode(start.plusSeconds(1).toString()));
                assertThat(entries.path("entries").valueStream().map(entry -> entry.path("id").asString()).toList())
                        .as("entries around %s", item.get("id")).contains(item.get("id").asString());
                JsonNode entry = entries.path("entries").valueStream()
                        .filter(candidate -> candidate.path("id").asString().equals(item.get("id").asString())).findFirst().orElseThrow();
                assertThat(entry.path("title").asString()).isEqualTo(item.get("title").asString().strip());
                // Instants are kept to the millisecond (docs/problems.md, input rules).
                assertThat(Instant.parse(entry.path("start").asString())).isEqualTo(start.truncatedTo(ChronoUnit.MILLIS));
            }
        });
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (ObjectNode rule : rules) {
                assertThat(status(api + "/schedules/rules/" + rule.get("id").asString())).as("rule %s", rule.get("id")).isEqualTo(200);
            }
        });
        Map<String, Long> deadLettered = deadLetters(stack);
        assertThat(deadLettered).as("records any consumer dead-lettered (seed %d): %s", seed,
                deadLettered.isEmpty() ? "" : reasons(stack, deadLettered.keySet())).isEmpty();
    }

    /** Each dead letter's consumer group, event type and exception message, as its headers name them ("?" if none), counted. */
    private static Map<String, Long> reasons(LocalStack stack, Set<String> topics) {
        Map<String, Long> reasons = new LinkedHashMap<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infrastructure().kafkaBootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(topics.stream().flatMap(topic -> consumer.partitionsFor(topic).stream())
                    .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList());
            Instant until = Instant.now().plusSeconds(10);
            for (var records = consumer.poll(Duration.ofSeconds(1)); Instant.now().isBefore(until); records = consumer.poll(Duration.ofSeconds(1))) {
                records.forEach(record -> reasons.merge(header(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP) + " set aside "
                        + header(record, "ce_type") + ": " + header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE), 1L, Long::sum));
            }
        }
        return reasons;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Long> deadLetters(LocalStack stack) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.infrastructure().kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            List<String> deadLetterTopics = Topics.ALL.stream().map(Topics::deadLetter).toList();
            admin.describeTopics(deadLetterTopics).allTopicNames().get(10, TimeUnit.SECONDS).values().forEach(description ->
                    description.partitions().forEach(partition ->
                            latest.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest())));
            Map<String, Long> records = new LinkedHashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((partition, info) -> {
                if (info.offset() > 0) {
                    records.merge(partition.topic(), info.offset(), Long::sum);
                }
            });
            return records;
        }
    }

    private static int post(String url, JsonNode body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            log.warn("POST {} answered {}: {}", url, response.statusCode(), response.body());
        }
        return response.statusCode();
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return Samples.JSON.readTree(response.body());
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
