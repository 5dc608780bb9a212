package dev.almanac.commands.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

import dev.almanac.embedded.EmbeddedInfrastructure;

/**
 * command-service on a random port over the shared embedded PostgreSQL and Kafka. Every test class with this annotation
 * and no settings of its own shares one application context, and so one connection pool: a context per class held
 * twenty pools of PostgreSQL's connections at once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@ContextConfiguration(initializers = CommandServiceIntegrationTest.EmbeddedInfrastructureProperties.class)
public @interface CommandServiceIntegrationTest {

    /** Points the data source and Kafka at the shared embedded infrastructure, starting it on first use. */
    final class EmbeddedInfrastructureProperties implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.sharedForTests();
            TestPropertyValues.of(
                    "spring.datasource.url=" + infrastructure.postgresJdbcUrl(),
                    "spring.datasource.username=postgres",
                    "spring.datasource.password=",
                    "spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers()).applyTo(context);
        }
    }
}
