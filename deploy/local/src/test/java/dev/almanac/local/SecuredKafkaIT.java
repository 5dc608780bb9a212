package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.almanac.embedded.KafkaBroker;
import dev.almanac.embedded.ScratchDirectories;
import dev.almanac.events.Topics;

/**
 * The local stack's secured Kafka (ALMANAC_KAFKA_SECURITY=scram, ADR 0091) on a real embedded broker, provisioned as the
 * launcher provisions it: a client without credentials, or with a wrong password, is refused; a service's principal is
 * refused on another service's topic, on a topic it does not consume and on another service's group; what its row of
 * {@link KafkaAccess} allows works, transactions under its own prefix included.
 */
class SecuredKafkaIT {

    private static final Duration REFUSAL = Duration.ofSeconds(20);

    private static Path directory;
    private static KafkaBroker broker;
    private static Map<Service, KafkaSecurity.Credentials> users;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        directory = Files.createTempDirectory("almanac-secured-kafka-");
        broker = KafkaBroker.startOnFreePorts(directory, KafkaBroker.Security.withRandomAdminPassword());
        users = KafkaSecurity.provision(broker.adminProperties(), 1);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        ScratchDirectories.delete(directory);
    }

    @Test
    void aClientWithoutCredentialsIsRefused() {
        Map<String, Object> anonymous = Map.of("bootstrap.servers", broker.bootstrapServers(), "request.timeout.ms", 3000,
                "default.api.timeout.ms", 5000);
        try (Admin admin = Admin.create(anonymous)) {
            // A PLAINTEXT client on a SASL listener never gets an answer: the broker drops what is not a SASL handshake.
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
        try (KafkaProducer<String, String> producer = producer(Map.of("bootstrap.servers", broker.bootstrapServers(), "max.block.ms", 3000))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.SCHEDULE, "calendar", "{}")).get(10, TimeUnit.SECONDS))
                    .hasMessageContaining(Topics.SCHEDULE);
        }
    }

    @Test
    void aServiceWithAWrongPasswordIsRefused() {
        Map<String, Object> wrong = new HashMap<>(KafkaBroker.Security.scramClientProperties(Service.COMMAND_SERVICE.serviceName(), "guessed"));
        wrong.put("bootstrap.servers", broker.bootstrapServers());
        wrong.put("max.block.ms", 5000);
        try (KafkaProducer<String, String> producer = producer(wrong)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.SCHEDULE, "calendar", "{}")).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aServiceIsRefusedWritingAnotherServicesTopic() {
        try (KafkaProducer<String, String> executor = producer(as(Service.EXECUTOR, Map.of()))) {
            for (String notItsOwn : List.of(Topics.SCHEDULE, Topics.CONFLICTS, Topics.DISPATCH, Topics.NOTIFICATIONS)) {
                assertThatThrownBy(() -> executor.send(new ProducerRecord<>(notItsOwn, "calendar", "{}")).get(10, TimeUnit.SECONDS))
                        .as("the executor writing %s", notItsOwn).hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
        try (KafkaProducer<String, String> queryService = producer(as(Service.QUERY_SERVICE, Map.of()))) {
            assertThatThrownBy(() -> queryService.send(new ProducerRecord<>(Topics.CALENDARS, "calendar", "{}")).get(10, TimeUnit.SECONDS))
                    .as("query-service, which only reads, writing calendars").hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aServiceIsRefusedReadingATopicItDoesNotConsumeOrInAnotherServicesGroup() {
        try (KafkaConsumer<String, String> executor = consumer(as(Service.EXECUTOR, Map.of(ConsumerConfig.GROUP_ID_CONFIG, "executor")))) {
            executor.subscribe(List.of(Topics.CALENDARS));
            assertThatThrownBy(() -> pollUntilRefused(executor)).as("the executor reading calendars")
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> executor = consumer(as(Service.EXECUTOR, Map.of(ConsumerConfig.GROUP_ID_CONFIG, "query-service")))) {
            executor.subscribe(List.of(Topics.DISPATCH));
            assertThatThrownBy(() -> pollUntilRefused(executor)).as("the executor in query-service's group")
                    .isInstanceOf(GroupAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> commandService = consumer(as(Service.COMMAND_SERVICE, Map.of()))) {
            commandService.assign(List.of(new org.apache.kafka.common.TopicPartition(Topics.SCHEDULE, 0)));
            assertThatThrownBy(() -> pollUntilRefused(commandService)).as("command-service, which only writes, reading its own topic")
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void whatTheTableAllowsWorks() throws Exception {
        String calendar = "calendar-" + UUID.randomUUID();
        try (KafkaProducer<String, String> commandService = producer(as(Service.COMMAND_SERVICE, Map.of()))) {
            commandService.send(new ProducerRecord<>(Topics.SCHEDULE, calendar, "{\"scheduled\":true}")).get(10, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> queryService = consumer(as(Service.QUERY_SERVICE,
                Map.of(ConsumerConfig.GROUP_ID_CONFIG, "query-service-" + UUID.randomUUID())))) {
            queryService.subscribe(List.of(Topics.SCHEDULE));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : queryService.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(calendar)) {
                        return true;
                    }
                }
                return false;
            });
            queryService.commitSync();
        }
        try (KafkaProducer<String, String> executor = producer(as(Service.EXECUTOR, Map.of()))) {
            executor.send(new ProducerRecord<>(Topics.RUNS, calendar, "{}")).get(10, TimeUnit.SECONDS);
            // A poison dispatch goes to its dead-letter topic.
            executor.send(new ProducerRecord<>(Topics.deadLetter(Topics.DISPATCH), calendar, "{}")).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStreamsServiceCreatesAndWritesInTransactionsUnderItsOwnPrefixOnly() throws Exception {
        String own = "conflict-detector-it-" + UUID.randomUUID();
        try (Admin conflictDetector = Admin.create(as(Service.CONFLICT_DETECTOR, Map.of()))) {
            conflictDetector.createTopics(List.of(new NewTopic(own, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> conflictDetector.createTopics(List.of(new NewTopic("almanac.elsewhere.v1", 1, (short) 1)))
                    .all().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
            assertThat(conflictDetector.listTopics().names().get(10, TimeUnit.SECONDS)).as("the topics conflict-detector may see")
                    .contains(own, Topics.CALENDARS, Topics.CONFLICTS).doesNotContain(Topics.DISPATCH, Topics.NOTIFICATIONS);
        }
        Map<String, Object> transactional = as(Service.CONFLICT_DETECTOR, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "conflict-detector-it-1"));
        try (KafkaProducer<String, String> producer = producer(transactional)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(own, "calendar", "{}"));
            producer.send(new ProducerRecord<>(Topics.CONFLICTS, "calendar", "{}"));
            producer.commitTransaction();
        }
        Map<String, Object> foreignId = as(Service.CONFLICT_DETECTOR, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dispatcher-it-1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000));
        try (KafkaProducer<String, String> producer = producer(foreignId)) {
            assertThatThrownBy(producer::initTransactions).as("conflict-detector with the dispatcher's transactional id")
                    .isInstanceOf(org.apache.kafka.common.errors.TransactionalIdAuthorizationException.class);
        }
    }

    @Test
    void everyServiceHasAUserAndNoUserMaySeeTheOthersPasswords() {
        assertThat(users).containsOnlyKeys(Set.of(Service.values()));
        assertThat(users.values()).extracting(KafkaSecurity.Credentials::password).doesNotHaveDuplicates();
        assertThat(users.get(Service.QUERY_SERVICE).toString()).doesNotContain(users.get(Service.QUERY_SERVICE).password());
    }

    private static void pollUntilRefused(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + REFUSAL.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200));
        }
        throw new AssertionError("not refused within " + REFUSAL.toSeconds() + " s");
    }

    private static Map<String, Object> as(Service service, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(users.get(service).clientProperties());
        properties.put("bootstrap.servers", broker.bootstrapServers());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.putAll(more);
        return properties;
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> properties) {
        Map<String, Object> producing = new HashMap<>(properties);
        producing.remove(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
        return new KafkaProducer<>(producing, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> properties) {
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }
}
