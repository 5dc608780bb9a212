package dev.almanac.dispatch.testing;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.almanac.events.Topics;

/** What the dispatcher's tests on a real broker set up first: every topic with its dead-letter topic, and a producer of records. */
public final class TestTopics {

    private TestTopics() {
    }

    /** Every topic of {@link Topics#ALL} and its dead-letter topic, with {@code partitions} partitions each. */
    public static void createAll(String bootstrapServers, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> topics = Topics.ALL.stream().flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))
                    .map(topic -> new NewTopic(topic, partitions, (short) 1)).toList();
            admin.createTopics(topics).all().get();
        }
    }

    /** A producer of encoded records, as the services' relays send them. */
    public static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new ByteArraySerializer());
    }
}
