package dev.almanac.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What the launcher tells the host, and what the host gives each service (ADR 0099). */
class HostedServiceTest {

    @Test
    void eachServiceGetsItsOwnJarArgumentsAndVariablesAndNoOtherServicesOnes() {
        List<String> commandLine = new ArrayList<>(HostedService.hostArguments("command-service", Path.of("/r/command-service.jar"), List.of()));
        commandLine.addAll(HostedService.hostArguments("query-service", Path.of("/r/query-service.jar"),
                List.of("--spring.kafka.consumer.properties.session.timeout.ms=10000")));
        Map<String, String> hostEnvironment = Map.of(
                HostedService.hostVariable("command-service", "PORT"), "8081",
                HostedService.hostVariable("query-service", "PORT"), "8082",
                HostedService.hostVariable("query-service", "ALMANAC_KAFKA_PASSWORD"), "s=cr,et",
                "ALMANAC_HOME", "/home/almanac");

        List<HostedService> services = HostedService.parse(commandLine, hostEnvironment);

        assertThat(services).extracting(HostedService::name).containsExactly("command-service", "query-service");
        HostedService command = services.get(0);
        HostedService query = services.get(1);
        assertThat(command.jar()).isEqualTo(Path.of("/r/command-service.jar"));
        assertThat(command.environment()).containsExactly(Map.entry("PORT", "8081"));
        assertThat(command.mainArguments()).containsExactly("--almanac.hosted.env.PORT=8081");
        assertThat(query.environment()).containsOnly(Map.entry("PORT", "8082"), Map.entry("ALMANAC_KAFKA_PASSWORD", "s=cr,et"));
        assertThat(query.mainArguments()).startsWith("--spring.kafka.consumer.properties.session.timeout.ms=10000")
                .contains("--almanac.hosted.env.PORT=8082", "--almanac.hosted.env.ALMANAC_KAFKA_PASSWORD=s=cr,et");
    }

    @Test
    void hostVariablesNameTheServiceInTheEnvironmentsOwnAlphabet() {
        assertThat(HostedService.hostVariable("conflict-detector", "ALMANAC_STATE_DIR"))
                .isEqualTo("ALMANAC_HOSTED__CONFLICT_DETECTOR__ALMANAC_STATE_DIR");
    }

    @Test
    void aCommandLineThatNamesNoServiceOrAnOptionBeforeOneIsRefused() {
        assertThatThrownBy(() -> HostedService.parse(List.of(), Map.of())).hasMessageContaining("no service to run");
        assertThatThrownBy(() -> HostedService.parse(List.of("--server.port=1", "executor=/r/executor.jar"), Map.of()))
                .hasMessageContaining("before any service=jar");
        assertThatThrownBy(() -> HostedService.parse(List.of("executor"), Map.of())).hasMessageContaining("neither service=jar");
        assertThatThrownBy(() -> HostedService.hostArguments("executor", Path.of("/r/executor.jar"), List.of("-Xmx1g")))
                .hasMessageContaining("not a --name=value option");
    }
}
