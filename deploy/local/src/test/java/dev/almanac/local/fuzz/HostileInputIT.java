package dev.almanac.local.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import dev.almanac.events.Topics;
import dev.almanac.local.LocalStack;
import dev.almanac.local.Service;
import dev.almanac.local.TestStack;

/**
 * The standing fuzz suite. For every operation in every service's OpenAPI document it sends
 * malformed JSON, wrong types, missing and extra fields, extreme values, bad Unicode, bad path
 * ids and bad query parameters, once to the service directly and once through the gateway, and
 * asserts: an answer (never a dropped connection), never a 5xx, a problem+json body for every
 * refusal whose {@code errors} name the field and the rule, a refusal for every case that no
 * correct service may accept, and no event on any command topic from a refused command. Every
 * operation's refusals go first, then the odd-but-legal cases, which may move the topics.
 * Reproduce a run with {@code -Dalmanac.fuzz.seed=<seed>} from its log.
 */
class HostileInputIT {

    /** Operations that act on the whole stack: only their refusals are fuzzed. */
    private static final String ADMIN = "/api/v1/admin/";

    private static final Logger log = LoggerFactory.getLogger(HostileInputIT.class);
    private static final List<String> COMMAND_TOPICS = List.of(Topics.CALENDARS, Topics.SCHEDULE, Topics.RULES, Topics.RUNS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalStack stack;
    private static Admin admin;
    private static long seed;
    private static FuzzCases cases;

    @BeforeAll
    static void prepare() throws Exception {
        stack = TestStack.shared();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infrastructure().kafkaBootstrapServers()));
        seed = Long.getLong("almanac.fuzz.seed", System.nanoTime());
        log.info("Fuzz seed {} (rerun with -Dalmanac.fuzz.seed={})", seed, seed);
        String calendar = "fuzz-cal-" + UUID.randomUUID();
        String item = "fuzz-item-" + UUID.randomUUID();
        post("/api/v1/calendars", """
                {"id": "%s", "name": "Fuzz", "type": "venue", "timezone": "UTC", "capacity": 100, "overbooking_policy": "allow"}"""
                .formatted(calendar));
        String resource = "fuzz-res-" + UUID.randomUUID();
        post("/api/v1/resources", """
                {"id": "%s", "name": "Fuzz", "type": "equipment", "timezone": "UTC"}""".formatted(resource));
        Samples samples = new Samples(calendar, resource);
        post("/api/v1/schedules", """
                {"id": "%s", "calendar_id": "%s", "title": "Fuzz", "type": "job", "start": "%s", "end": "%s", "timezone": "UTC"}"""
                .formatted(item, calendar, samples.valid("start", Samples.JSON.createObjectNode(), null).asString(),
                        samples.valid("end", Samples.JSON.createObjectNode(), null).asString()));
        cases = new FuzzCases(samples, Map.of("calendars", calendar, "schedules", item, "conflicts", "fuzz-unknown", "resources", resource),
                seed);
    }

    @AfterAll
    static void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    @TestFactory
    Stream<DynamicNode> everyOperationOfEveryServiceRefusesHostileInputCleanly() throws Exception {
        List<Fuzzed> operations = new ArrayList<>();
        int total = 0;
        for (Service service : Service.values()) {
            JsonNode docs = Samples.JSON.readTree(get(stack.serviceUrls().get(service) + "/v3/api-docs"));
            for (ApiOperation operation : ApiOperation.all(service.serviceName(), docs)) {
                Fuzzed fuzzed = new Fuzzed(service, operation, cases.of(operation));
                total += fuzzed.cases().size();
                operations.add(fuzzed);
            }
        }
        log.info("Fuzz suite: {} operations, {} cases, each sent directly and through the gateway", operations.size(), total);
        assertThat(operations).as("operations found in the OpenAPI documents").hasSizeGreaterThanOrEqualTo(10);

        // Every operation's refusals first, with the command topics' ends read once before them all and once after: a
        // second's quiet before and after each operation instead cost two seconds an operation. The ends read after each
        // command operation, without waiting, only say where a moved topic moved, should it move.
        Map<TopicPartition, Long> before = quietEndOffsets();
        Map<ApiOperation, Map<TopicPartition, Long>> endsAfter = new LinkedHashMap<>();
        Stream<DynamicNode> refusals = Stream.concat(
                operations.stream().map(fuzzed -> DynamicTest.dynamicTest(fuzzed + " (" + fuzzed.refused().size() + " refused cases)",
                        () -> {
                            try {
                                assertAnsweredCleanly(fuzzed, fuzzed.refused());
                            } finally {
                                if (fuzzed.operation().isCommand()) {
                                    endsAfter.put(fuzzed.operation(), endOffsets());
                                }
                            }
                        })),
                Stream.of(DynamicTest.dynamicTest("no refused command put an event on a command topic",
                        () -> assertCommandTopicsUnmoved(before, endsAfter))));
        // The admin operations act on everything (pause-all pauses every rule, page by page, on a timer that runs after
        // the answer), so their legal cases would change the stack under every other test. Only their refusals are
        // fuzzed; EmergencyPauseIT covers the rest.
        Stream<DynamicNode> legal = operations.stream()
                .filter(fuzzed -> !fuzzed.operation().path().startsWith(ADMIN) && !fuzzed.legal().isEmpty())
                .map(fuzzed -> DynamicTest.dynamicTest(fuzzed + " (" + fuzzed.legal().size() + " odd but legal cases)",
                        () -> assertAnsweredCleanly(fuzzed, fuzzed.legal())));
        return Stream.of(
                DynamicContainer.dynamicContainer("refused, by every service and the gateway, and no event from it", refusals),
                DynamicContainer.dynamicContainer("odd but legal, never a server error", legal));
    }

    /** One operation and the hostile requests generated for it. */
    private record Fuzzed(Service service, ApiOperation operation, List<FuzzCase> cases) {

        List<FuzzCase> refused() {
            return cases.stream().filter(FuzzCase::refused).toList();
        }

        List<FuzzCase> legal() {
            return cases.stream().filter(fuzz -> !fuzz.refused()).toList();
        }

        @Override
        public String toString() {
            return operation.toString();
        }
    }

    private static void assertAnsweredCleanly(Fuzzed fuzzed, List<FuzzCase> batch) {
        int servicePort = URI.create(stack.serviceUrls().get(fuzzed.service())).getPort();
        int gatewayPort = URI.create(stack.gatewayUrl()).getPort();
        List<String> failures = new ArrayList<>();
        send(fuzzed.operation(), batch, servicePort, gatewayPort, failures);
        assertThat(failures).as("hostile requests answered wrongly (seed %d)", seed).isEmpty();
    }

    /**
     * The command topics' ends once quiet after every refusal are where they were before the first: otherwise the
     * failure names the first operation after whose refusals they had moved (or the one before it, as the relay
     * publishes a few milliseconds after the answer) and the events that came.
     */
    private static void assertCommandTopicsUnmoved(Map<TopicPartition, Long> before,
                                                   Map<ApiOperation, Map<TopicPartition, Long>> endsAfter) throws Exception {
        Map<TopicPartition, Long> after = quietEndOffsets();
        if (after.equals(before)) {
            return;
        }
        String firstMovedAfter = endsAfter.entrySet().stream().filter(ends -> !ends.getValue().equals(before))
                .map(ends -> ends.getKey().toString()).findFirst().orElse("the last command operation");
        assertThat(after).as("refused commands moved the command topics, first seen after the refusals of %s (seed %d); the events: %s",
                firstMovedAfter, seed, eventsBetween(before, after)).isEqualTo(before);
    }

    /** The type, subject and key of each record appended between {@code from} and {@code to}. */
    private static List<String> eventsBetween(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<String> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infrastructure().kafkaBootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> moved = to.keySet().stream().filter(partition -> !to.get(partition).equals(from.get(partition))).toList();
            consumer.assign(moved);
            moved.forEach(partition -> consumer.seek(partition, from.getOrDefault(partition, 0L)));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (moved.stream().anyMatch(partition -> consumer.position(partition) < to.get(partition)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header type = record.headers().lastHeader("ce_type");
                    Header subject = record.headers().lastHeader("ce_subject");
                    events.add("%s-%d@%d %s %s key %s".formatted(record.topic(), record.partition(), record.offset(),
                            type == null ? "?" : new String(type.value(), StandardCharsets.UTF_8),
                            subject == null ? "?" : new String(subject.value(), StandardCharsets.UTF_8), record.key()));
                }
            }
        }
        return events;
    }

    private static void send(ApiOperation operation, List<FuzzCase> batch, int servicePort, int gatewayPort, List<String> failures) {
        for (FuzzCase fuzz : batch) {
            for (int port : new int[] {servicePort, gatewayPort}) {
                RawHttp.Answer answer = RawHttp.send(port, operation.method(), fuzz.target(), fuzz.headers(), fuzz.body());
                String via = port == gatewayPort ? "gateway" : "direct";
                verdict(fuzz, answer).ifPresent(problem -> failures.add(via + ": " + fuzz + " -> " + problem));
            }
        }
    }

    /** What is wrong with the answer to {@code fuzz}, if anything. */
    private static Optional<String> verdict(FuzzCase fuzz, RawHttp.Answer answer) {
        if (answer.dropped()) {
            return Optional.of("no answer: " + answer.failure());
        }
        if (answer.status() >= 500) {
            return Optional.of("server error " + answer.status() + ": " + abbreviate(answer.body()));
        }
        if (fuzz.refused() && answer.status() < 400) {
            return Optional.of("accepted with " + answer.status() + " though invalid");
        }
        if (answer.status() >= 400) {
            if (!answer.header("content-type").startsWith("application/problem+json")) {
                return Optional.of(answer.status() + " without a problem document: " + answer.header("content-type"));
            }
            JsonNode problem;
            try {
                problem = Samples.JSON.readTree(answer.body());
            } catch (RuntimeException e) {
                return Optional.of(answer.status() + " with a body that is not JSON: " + abbreviate(answer.body()));
            }
            if (problem.path("status").asInt() != answer.status() || problem.path("type").asString("").isBlank()) {
                return Optional.of("problem without its type or status: " + abbreviate(answer.body()));
            }
            if ((answer.status() == 400 || answer.status() == 422) && !namesFieldAndRule(problem)) {
                return Optional.of(answer.status() + " whose errors do not name a field and a rule: " + abbreviate(answer.body()));
            }
        }
        return Optional.empty();
    }

    private static boolean namesFieldAndRule(JsonNode problem) {
        JsonNode errors = problem.path("errors");
        if (!errors.isArray() || errors.isEmpty()) {
            return false;
        }
        for (JsonNode error : errors) {
            if (error.path("field").asString("").isBlank() || error.path("rule").asString("").isBlank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The command topics' end offsets once they have not moved for a second: the relay publishes
     * an accepted command's event a few milliseconds after the answer, and an earlier case's event
     * must not be counted against a later one.
     */
    private static Map<TopicPartition, Long> quietEndOffsets() throws Exception {
        Map<TopicPartition, Long> last = endOffsets();
        long quietSince = System.nanoTime();
        long deadline = quietSince + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() - quietSince < Duration.ofSeconds(1).toNanos() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            Map<TopicPartition, Long> now = endOffsets();
            if (!now.equals(last)) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
        return last;
    }

    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        for (var description : admin.describeTopics(COMMAND_TOPICS).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
            description.partitions().forEach(partition -> latest.put(new TopicPartition(description.name(), partition.partition()),
                    OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void post(String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
