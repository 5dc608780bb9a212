package dev.almanac.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

import dev.almanac.embedded.KafkaBroker;

/**
 * A listener that has read every record of a transactional topic has no lag: its group's committed offset reaches the
 * end of the partition, past the transaction's commit marker, so a dashboard at rest shows zero.
 */
class TransactionMarkerLagIT {

    private static final String TOPIC = "almanac.transactional.v1";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    @TempDir
    Path directory;

    @Test
    void aGroupThatReadATransactionToItsEndHasNoLag() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts(directory.resolve("kafka"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "marker-test"), new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, "key", "value " + i));
                }
                producer.commitTransaction();
            }

            var factory = new ConcurrentKafkaListenerContainerFactory<String, String>();
            factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "reader",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer()));
            AlmanacKafkaAutoConfiguration.almanacListenersCommitPastTransactionMarkers()
                    .postProcessAfterInitialization(factory, "kafkaListenerContainerFactory");
            ConcurrentMessageListenerContainer<String, String> container = factory.createContainer(TOPIC);
            List<String> read = new CopyOnWriteArrayList<>();
            container.getContainerProperties().setMessageListener((MessageListener<String, String>) record -> read.add(record.value()));
            container.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> read.size() == 3);
                long end = admin.listOffsets(Map.of(PARTITION, OffsetSpec.latest())).partitionResult(PARTITION).get().offset();
                assertThat(end).as("three records and the commit marker").isEqualTo(4);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    OffsetAndMetadata committed = admin.listConsumerGroupOffsets("reader").partitionsToOffsetAndMetadata().get()
                            .get(PARTITION);
                    assertThat(committed).isNotNull();
                    assertThat(committed.offset()).as("the group's committed offset").isEqualTo(end);
                });
            } finally {
                container.stop();
            }
        }
    }
}
