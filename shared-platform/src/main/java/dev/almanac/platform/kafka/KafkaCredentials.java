package dev.almanac.platform.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Turns {@code ALMANAC_KAFKA_USERNAME} and {@code ALMANAC_KAFKA_PASSWORD} into SASL/SCRAM-SHA-512 settings of every Kafka
 * client Spring builds (producers, consumers, admin, Kafka Streams) before any starts (ADR 0091). Without a username nothing
 * changes: the clients speak PLAINTEXT, as a local stack does by default. With one, the service is a principal of its own
 * on a cluster that authorises by ACLs, so the catalogue's topics are the platform's (Strimzi KafkaTopics, the local
 * launcher) and the service no longer tries to create them. {@code ALMANAC_KAFKA_SECURITY_PROTOCOL} chooses
 * {@code SASL_SSL} where the listener has TLS; {@code SASL_PLAINTEXT} is the default. Over TLS,
 * {@code ALMANAC_KAFKA_TRUSTED_CERTIFICATES} names a PEM file of the certificates that sign the brokers' (Strimzi's cluster
 * CA, {@code ca.crt}); without it the JVM's own trust store decides.
 */
public class KafkaCredentials implements EnvironmentPostProcessor {

    static final String MECHANISM = "SCRAM-SHA-512";
    static final String SOURCE = "almanacKafkaCredentials";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String username = environment.resolvePlaceholders("${ALMANAC_KAFKA_USERNAME:}").strip();
        if (username.isEmpty()) {
            return;
        }
        String password = environment.resolvePlaceholders("${ALMANAC_KAFKA_PASSWORD:}");
        if (password.isBlank()) {
            // A principal without its password would only be refused by the brokers, record after record.
            throw new IllegalStateException("ALMANAC_KAFKA_USERNAME is " + username + " but ALMANAC_KAFKA_PASSWORD is empty");
        }
        String protocol = environment.resolvePlaceholders("${ALMANAC_KAFKA_SECURITY_PROTOCOL:SASL_PLAINTEXT}").strip().toUpperCase(Locale.ROOT);
        if (!protocol.startsWith("SASL_")) {
            throw new IllegalStateException("ALMANAC_KAFKA_SECURITY_PROTOCOL is " + protocol + "; with a username it is SASL_PLAINTEXT or SASL_SSL");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.kafka.security.protocol", protocol);
        settings.put("spring.kafka.properties.sasl.mechanism", MECHANISM);
        settings.put("spring.kafka.properties.sasl.jaas.config", jaasConfig(username, password));
        String certificates = environment.resolvePlaceholders("${ALMANAC_KAFKA_TRUSTED_CERTIFICATES:}").strip();
        if (!certificates.isEmpty()) {
            if (!protocol.equals("SASL_SSL")) {
                throw new IllegalStateException("ALMANAC_KAFKA_TRUSTED_CERTIFICATES is set but ALMANAC_KAFKA_SECURITY_PROTOCOL is " + protocol
                        + "; trusted certificates are for a TLS listener, SASL_SSL");
            }
            if (!Files.isReadable(Path.of(certificates))) {
                // Every client would fail its first handshake, and say less about why.
                throw new IllegalStateException("ALMANAC_KAFKA_TRUSTED_CERTIFICATES is " + certificates + ", which cannot be read");
            }
            settings.put("spring.kafka.properties.ssl.truststore.type", "PEM");
            settings.put("spring.kafka.properties.ssl.truststore.location", certificates);
        }
        settings.put(AlmanacKafkaAutoConfiguration.CREATE_CATALOGUE_TOPICS, "false");
        // Above the service's application.yml, below what the process is given explicitly (system properties, environment).
        MapPropertySource source = new MapPropertySource(SOURCE, settings);
        if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            environment.getPropertySources().addLast(source);
        }
    }

    /** Kafka's JAAS line for a SCRAM client; quotes and backslashes in the values are escaped, as its parser reads them. */
    static String jaasConfig(String username, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + escaped(username)
                + "\" password=\"" + escaped(password) + "\";";
    }

    private static String escaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
