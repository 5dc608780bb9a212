package dev.almanac.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** ALMANAC_KAFKA_USERNAME and _PASSWORD as the SASL/SCRAM settings of every client Spring builds (ADR 0091). */
class KafkaCredentialsTest {

    @Test
    void withoutAUsernameNothingChanges() {
        MockEnvironment environment = new MockEnvironment();
        new KafkaCredentials().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getPropertySources().contains(KafkaCredentials.SOURCE)).isFalse();
        assertThat(environment.getProperty("spring.kafka.security.protocol")).isNull();
    }

    @Test
    void aUsernameMakesEveryClientAScramPrincipalThatLeavesTheCatalogueTopicsToThePlatform() {
        MockEnvironment environment = new MockEnvironment().withProperty("ALMANAC_KAFKA_USERNAME", "executor")
                .withProperty("ALMANAC_KAFKA_PASSWORD", "pa\"ss\\word");
        new KafkaCredentials().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("spring.kafka.security.protocol")).isEqualTo("SASL_PLAINTEXT");
        assertThat(environment.getProperty("spring.kafka.properties.sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(environment.getProperty("spring.kafka.properties.sasl.jaas.config")).isEqualTo(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"executor\" password=\"pa\\\"ss\\\\word\";");
        assertThat(environment.getProperty(AlmanacKafkaAutoConfiguration.CREATE_CATALOGUE_TOPICS)).isEqualTo("false");
    }

    @Test
    void aUsernameWithoutAPasswordOrWithAPlaintextProtocolStopsTheService() {
        assertThatThrownBy(() -> new KafkaCredentials().postProcessEnvironment(
                new MockEnvironment().withProperty("ALMANAC_KAFKA_USERNAME", "executor"), new SpringApplication()))
                .hasMessageContaining("ALMANAC_KAFKA_PASSWORD");
        assertThatThrownBy(() -> new KafkaCredentials().postProcessEnvironment(new MockEnvironment()
                .withProperty("ALMANAC_KAFKA_USERNAME", "executor").withProperty("ALMANAC_KAFKA_PASSWORD", "secret")
                .withProperty("ALMANAC_KAFKA_SECURITY_PROTOCOL", "plaintext"), new SpringApplication()))
                .hasMessageContaining("SASL_PLAINTEXT or SASL_SSL");
    }

    /** Over TLS, the brokers' certificates are checked against the PEM file the variable names (Strimzi's cluster CA). */
    @Test
    void overTlsTheTrustedCertificatesAreAPemFileThatMustBeReadable(@TempDir Path directory) throws Exception {
        Path ca = Files.writeString(directory.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        MockEnvironment environment = new MockEnvironment().withProperty("ALMANAC_KAFKA_USERNAME", "executor")
                .withProperty("ALMANAC_KAFKA_PASSWORD", "secret").withProperty("ALMANAC_KAFKA_SECURITY_PROTOCOL", "sasl_ssl")
                .withProperty("ALMANAC_KAFKA_TRUSTED_CERTIFICATES", ca.toString());
        new KafkaCredentials().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("spring.kafka.security.protocol")).isEqualTo("SASL_SSL");
        assertThat(environment.getProperty("spring.kafka.properties.ssl.truststore.type")).isEqualTo("PEM");
        assertThat(environment.getProperty("spring.kafka.properties.ssl.truststore.location")).isEqualTo(ca.toString());

        assertThatThrownBy(() -> new KafkaCredentials().postProcessEnvironment(new MockEnvironment()
                .withProperty("ALMANAC_KAFKA_USERNAME", "executor").withProperty("ALMANAC_KAFKA_PASSWORD", "secret")
                .withProperty("ALMANAC_KAFKA_TRUSTED_CERTIFICATES", ca.toString()), new SpringApplication()))
                .hasMessageContaining("SASL_PLAINTEXT; trusted certificates are for a TLS listener, SASL_SSL");
        assertThatThrownBy(() -> new KafkaCredentials().postProcessEnvironment(new MockEnvironment()
                .withProperty("ALMANAC_KAFKA_USERNAME", "executor").withProperty("ALMANAC_KAFKA_PASSWORD", "secret")
                .withProperty("ALMANAC_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .withProperty("ALMANAC_KAFKA_TRUSTED_CERTIFICATES", directory.resolve("absent.crt").toString()), new SpringApplication()))
                .hasMessageContaining("which cannot be read");
    }

    @Test
    void clientsBuiltByHandTakeOnlyTheSecuritySettings() {
        assertThat(KafkaClientSecurity.of(Map.of("bootstrap.servers", "broker:9092", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "ssl.truststore.location", "/etc/ca.p12", "client.id", "x")))
                .containsOnlyKeys("security.protocol", "sasl.mechanism", "ssl.truststore.location");
    }
}
