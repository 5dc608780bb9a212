package dev.almanac.platform.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import dev.almanac.events.Topics;
import dev.almanac.platform.json.AlmanacJson;

/**
 * Kafka for every service: the event codec and publisher, the topics with their dead-letter
 * companions, and the listener error handling that keeps partitions flowing.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
public class AlmanacKafkaAutoConfiguration {

    /**
     * Partitions of a topic unless {@code almanac.kafka.partitions} says otherwise: room for up to twelve consumers of
     * a group, and few enough calendars on each that no partition holds much more than its share (ADR 0069).
     */
    public static final int DEFAULT_PARTITIONS = 12;

    /**
     * Whether the service creates the catalogue's topics that are missing: yes by default; no where the service is a
     * principal of its own ({@link KafkaCredentials}), whose ACLs let it create only its own prefix's topics (ADR 0091).
     */
    public static final String CREATE_CATALOGUE_TOPICS = "almanac.kafka.create-catalogue-topics";

    private static final Logger log = LoggerFactory.getLogger(AlmanacKafkaAutoConfiguration.class);

    @Bean
    EventCodec eventCodec() {
        return new EventCodec(AlmanacJson.eventMapper());
    }

    @Bean
    EventPublisher eventPublisher(KafkaTemplate<String, byte[]> kafkaTemplate, EventCodec codec) {
        return new KafkaEventPublisher(kafkaTemplate, codec);
    }

    /**
     * Lets every {@link KafkaAdmin} create only the declared topics that are missing: an existing topic keeps its
     * partition count, which KafkaAdmin would otherwise raise to the declared one (ADR 0069).
     */
    @Bean
    static BeanPostProcessor almanacTopicsOnlyCreated() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof KafkaAdmin admin) {
                    admin.setCreateOrModifyTopic(new MissingTopicsOnly(admin));
                }
                return bean;
            }
        };
    }

    /**
     * Every listener commits past a transaction's commit marker when it has read all before it. Without that a group
     * reading a transactional topic (conflict-detector's exactly-once output) keeps a lag of one per partition at
     * rest, which looks to an SRE's dashboard and to the seed-scale benchmark like records not yet read.
     */
    @Bean
    static BeanPostProcessor almanacListenersCommitPastTransactionMarkers() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
                    factory.getContainerProperties().setFixTxOffsets(true);
                }
                return bean;
            }
        };
    }

    /** Declares every topic and its dead-letter companion; existing topics are left as they are ({@link #almanacTopicsOnlyCreated}). */
    @Bean
    @ConditionalOnProperty(name = CREATE_CATALOGUE_TOPICS, havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics almanacTopics(
            @Value("${almanac.kafka.partitions:" + DEFAULT_PARTITIONS + "}") int partitions,
            @Value("${almanac.kafka.replication-factor:1}") short replicationFactor) {
        NewTopic[] topics = Topics.ALL.stream()
                .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))
                .map(topic -> TopicBuilder.name(topic).partitions(partitions).replicas(replicationFactor).build())
                .toArray(NewTopic[]::new);
        return new KafkaAdmin.NewTopics(topics);
    }

    /** Says at start how the service reaches Kafka and as whom, so that a PLAINTEXT service on a secured cluster is plain to see. */
    @Bean
    SmartInitializingSingleton almanacKafkaConnectionReport(ObjectProvider<KafkaProperties> properties) {
        return () -> {
            KafkaProperties kafka = properties.getIfAvailable();
            if (kafka == null) {
                return;
            }
            Map<String, Object> security = KafkaClientSecurity.of(kafka);
            Object protocol = security.getOrDefault("security.protocol", "PLAINTEXT");
            if (security.containsKey("sasl.jaas.config")) {
                log.info("Kafka at {} over {} ({}), as the principal of ALMANAC_KAFKA_USERNAME", kafka.getBootstrapServers(), protocol,
                        security.get("sasl.mechanism"));
            } else {
                log.info("Kafka at {} over {}, without credentials", kafka.getBootstrapServers(), protocol);
            }
        };
    }

    @Bean
    DeadLetterRecoverer almanacDeadLetterRecoverer(KafkaOperations<String, byte[]> kafkaTemplate, ObjectProvider<MeterRegistry> meters) {
        return new DeadLetterRecoverer(kafkaTemplate, meters.getIfAvailable());
    }

    /**
     * Poison records go to {@code <topic>.DLT} at once, with the exception in the record's
     * headers. Outages are retried with backoff until they end. Anything else gets three
     * quick retries before it is dead-lettered.
     */
    @Bean
    CommonErrorHandler almanacErrorHandler(DeadLetterRecoverer recoverer) {
        var handler = new DefaultErrorHandler(recoverer, new FixedBackOff(200, 3));
        handler.addNotRetryableExceptions(PoisonMessageException.class);
        handler.setBackOffFunction((record, failure) -> TransientFailures.isTransient(failure) ? untilItRecovers() : null);
        return handler;
    }

    private static BackOff untilItRecovers() {
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(Duration.ofSeconds(30).toMillis());
        return backOff;
    }
}
