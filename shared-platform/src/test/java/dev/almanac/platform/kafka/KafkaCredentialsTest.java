package dev.almanac.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
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

    @Test
    void clientsBuiltByHandTakeOnlyTheSecuritySettings() {
        assertThat(KafkaClientSecurity.of(Map.of("bootstrap.servers", "broker:9092", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "ssl.truststore.location", "/etc/ca.p12", "client.id", "x")))
                .containsOnlyKeys("security.protocol", "sasl.mechanism", "ssl.truststore.location");
    }
}
