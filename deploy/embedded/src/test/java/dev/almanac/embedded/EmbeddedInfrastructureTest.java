package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfrastructureTest {

    @TempDir
    Path dataDirectory;

    @Test
    void keepsKafkaPostgresAndMongoDataAcrossARestart() throws Exception {
        EmbeddedInfrastructure.Ports ports;
        try (FreePorts free = new FreePorts()) {
            ports = EmbeddedInfrastructure.Ports.anyFree().resolvedBy(free);
        }

        try (EmbeddedInfrastructure first = EmbeddedInfrastructure.start(dataDirectory, ports, true)) {
            try (var producer = new KafkaProducer<String, String>(producerProperties(first))) {
                producer.send(new ProducerRecord<>("embedded.check", "key", "kept")).get();
            }
            try (Connection connection = DriverManager.getConnection(first.postgresJdbcUrl(), "postgres", "")) {
                connection.createStatement().execute("create table kept (value text)");
                connection.createStatement().execute("insert into kept values ('row')");
            }
            try (MongoClient mongo = MongoClients.create(first.mongoConnectionString())) {
                mongo.getDatabase("check").getCollection("kept").insertOne(new Document("_id", "doc"));
            }
        }

        try (EmbeddedInfrastructure second = EmbeddedInfrastructure.start(dataDirectory, ports, true)) {
            try (var consumer = new KafkaConsumer<String, String>(consumerProperties(second))) {
                consumer.subscribe(List.of("embedded.check"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                for (int attempt = 0; attempt < 30 && records.isEmpty(); attempt++) {
                    records = consumer.poll(Duration.ofSeconds(1));
                }
                assertThat(records).extracting(r -> r.value()).containsExactly("kept");
            }
            try (Connection connection = DriverManager.getConnection(second.postgresJdbcUrl(), "postgres", "");
                 ResultSet rows = connection.createStatement().executeQuery("select value from kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("row");
            }
            try (MongoClient mongo = MongoClients.create(second.mongoConnectionString())) {
                assertThat(mongo.getDatabase("check").getCollection("kept").countDocuments()).isEqualTo(1);
            }
            assertThat(second.environment()).containsKeys(
                    EmbeddedInfrastructure.KAFKA_BOOTSTRAP, EmbeddedInfrastructure.POSTGRES_URL,
                    EmbeddedInfrastructure.MONGO_URI, EmbeddedInfrastructure.READ_MODEL_MONGO_URI);
        }
    }

    private static Properties producerProperties(EmbeddedInfrastructure infrastructure) {
        Properties properties = new Properties();
        properties.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        return properties;
    }

    private static Properties consumerProperties(EmbeddedInfrastructure infrastructure) {
        Properties properties = new Properties();
        properties.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "embedded-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        return properties;
    }
}
