package dev.almanac.dispatch.deliver;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import dev.almanac.events.Topics;
import dev.almanac.events.notification.DeliveryChannel;
import dev.almanac.platform.kafka.AlmanacKafkaAutoConfiguration;
import dev.almanac.platform.kafka.KafkaClientSecurity;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.secret.LocalKeys;
import dev.almanac.platform.secret.SecretSeal;
import dev.almanac.platform.streams.StreamsHealthIndicator;
import dev.almanac.platform.streams.StreamsLifecycle;

/**
 * The deliverer (ADR 0078): a Kafka Streams application of its own ({@code <application-id>-deliverer}) beside the
 * dispatcher and the notifier, and its sender. {@code almanac.deliver.*} names the SMTP server, the retries and the key
 * that opens webhook secrets; {@code almanac.deliver.enabled=false} leaves both out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "almanac.deliver.enabled", havingValue = "true", matchIfMissing = true)
class DelivererConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DelivererConfiguration.class);

    /** Deliveries due are kept a week, longer than any outage the sender should catch up after. */
    @Bean
    KafkaAdmin.NewTopics delivererTopics(KafkaAdmin admin,
                                         @Value("${almanac.kafka.partitions:" + AlmanacKafkaAutoConfiguration.DEFAULT_PARTITIONS + "}") int configured,
                                         @Value("${almanac.kafka.replication-factor:1}") short replicationFactor) {
        int partitions = configured;
        try {
            partitions = admin.describeTopics(Topics.NOTIFICATIONS).get(Topics.NOTIFICATIONS).partitions().size();
        } catch (KafkaException e) {
            log.info("{} not described ({}); the deliverer's topics get the configured partition count", Topics.NOTIFICATIONS, e.getMessage());
        }
        String week = Long.toString(Duration.ofDays(7).toMillis());
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(DeliverTopics.DUE).partitions(partitions).replicas(replicationFactor)
                        .config(TopicConfig.RETENTION_MS_CONFIG, week).build(),
                TopicBuilder.name(Topics.deadLetter(DeliverTopics.DUE)).partitions(partitions).replicas(replicationFactor).build(),
                TopicBuilder.name(DeliverTopics.SENDING).partitions(partitions).replicas(replicationFactor).compact()
                        .config(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis())).build());
    }

    @Bean
    StreamsLifecycle delivererStreams(EventCodec codec, Clock clock, @Value("${almanac.notify.max-age:P2D}") Duration maxAge,
                                      KafkaProperties kafka, MeterRegistry registry, ApplicationEventPublisher events) {
        return new StreamsLifecycle(DelivererTopology.build(codec, clock, maxAge), properties(kafka.buildStreamsProperties()),
                DelivererTopology.topics(), DelivererTopology.COPARTITIONED, StreamThreadExceptionResponse.REPLACE_THREAD,
                new KafkaStreamsMicrometerListener(registry), events);
    }

    @Bean
    StreamsHealthIndicator delivererStreamsHealthIndicator(StreamsLifecycle delivererStreams) {
        return new StreamsHealthIndicator(delivererStreams);
    }

    @Bean
    DeliverySender deliverySender(KafkaProperties kafka, EventCodec codec, Clock clock,
                                  @Value("${almanac.deliver.smtp.host:localhost}") String smtpHost,
                                  @Value("${almanac.deliver.smtp.port:3025}") int smtpPort,
                                  @Value("${almanac.deliver.smtp.from:almanac@localhost}") String from,
                                  @Value("${almanac.deliver.sealing-key}") String sealingKey,
                                  @Value("${almanac.identity.mode:jwt}") String identityMode,
                                  @Value("${almanac.deliver.max-attempts:4}") int maxAttempts,
                                  @Value("${almanac.deliver.first-backoff:PT0.5S}") Duration firstBackoff,
                                  @Value("${almanac.deliver.sender-threads:4}") int senderThreads,
                                  @Value("${almanac.deliver.webhook-timeout:PT5S}") Duration webhookTimeout,
                                  @Value("${almanac.deliver.webhook-private-addresses:refuse}") String privateAddresses) {
        JavaMailSenderImpl smtp = new JavaMailSenderImpl();
        smtp.setHost(smtpHost);
        smtp.setPort(smtpPort);
        smtp.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
        smtp.getJavaMailProperties().put("mail.smtp.timeout", "5000");
        Map<DeliveryChannel, Channel> channels = new EnumMap<>(DeliveryChannel.class);
        channels.put(DeliveryChannel.EMAIL, new MailChannel(smtp, from));
        SecretSeal seal = new SecretSeal(LocalKeys.checked(LocalKeys.SEALING_KEY, sealingKey, identityMode));
        channels.put(DeliveryChannel.WEBHOOK, new WebhookChannel(seal, clock, webhookTimeout, new WebhookAddresses(allowed(privateAddresses))));
        Map<String, Object> streams = kafka.buildStreamsProperties();
        return new DeliverySender(String.join(",", kafka.getBootstrapServers()), KafkaClientSecurity.of(kafka), applicationId(streams), channels, maxAttempts,
                firstBackoff, senderThreads, codec, clock);
    }

    /** {@code almanac.deliver.webhook-private-addresses}: {@code refuse} (the default) or {@code allow}. */
    static boolean allowed(String privateAddresses) {
        return switch (privateAddresses.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "allow" -> true;
            case "refuse" -> false;
            default -> throw new IllegalArgumentException("almanac.deliver.webhook-private-addresses is refuse or allow, not '"
                    + privateAddresses + "'");
        };
    }

    static Properties properties(Map<String, Object> configured) {
        Properties properties = new Properties();
        properties.putAll(configured);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(configured));
        properties.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return properties;
    }

    private static String applicationId(Map<String, Object> configured) {
        return configured.getOrDefault(StreamsConfig.APPLICATION_ID_CONFIG, "dispatcher") + "-deliverer";
    }
}
