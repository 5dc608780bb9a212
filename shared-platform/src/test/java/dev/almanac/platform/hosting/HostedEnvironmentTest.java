package dev.almanac.platform.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** A hosted service's variables, given as arguments, read as the process's environment would be (ADR 0099). */
class HostedEnvironmentTest {

    @Test
    void argumentsNamedAsHostedVariablesAreReadAsEnvironmentVariablesRelaxedNamesIncluded() {
        StandardEnvironment environment = environment("--almanac.hosted.env.SERVER_ADDRESS=127.0.0.2",
                "--almanac.hosted.env.ALMANAC_KAFKA_USERNAME=executor", "--server.port=0");

        new HostedEnvironment().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("ALMANAC_KAFKA_USERNAME")).isEqualTo("executor");
        assertThat(environment.resolvePlaceholders("${ALMANAC_KAFKA_USERNAME:none}")).isEqualTo("executor");
        assertThat(Binder.get(environment).bind("server.address", String.class).get()).isEqualTo("127.0.0.2");
        assertThat(environment.getProperty("almanac.kafka.username")).isEqualTo("executor");
    }

    @Test
    void theyRankAsTheEnvironmentDoesBelowSystemPropertiesAndAboveTheProcessesOwnVariables() {
        StandardEnvironment environment = environment("--almanac.hosted.env.PORT=8081", "--almanac.hosted.env.ALMANAC_X=hosted");
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, Map.of("PORT", "9999")));
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("ALMANAC_X", "the process's", "ALMANAC_Y", "the process's")));

        new HostedEnvironment().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("PORT")).isEqualTo("9999");
        assertThat(environment.getProperty("ALMANAC_X")).isEqualTo("hosted");
        assertThat(environment.getProperty("ALMANAC_Y")).isEqualTo("the process's");
        List<String> order = environment.getPropertySources().stream().map(PropertySource::getName).toList();
        assertThat(order.indexOf(HostedEnvironment.SOURCE))
                .isEqualTo(order.indexOf(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME) - 1);
    }

    @Test
    void aServiceInAProcessOfItsOwnIsLeftAsItIs() {
        StandardEnvironment environment = environment("--server.port=0");

        new HostedEnvironment().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().contains(HostedEnvironment.SOURCE)).isFalse();
    }

    private static StandardEnvironment environment(String... arguments) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(arguments));
        return environment;
    }
}
