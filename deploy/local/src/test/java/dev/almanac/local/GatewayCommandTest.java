package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import dev.almanac.local.gateway.Gateway;

/** The gateway command gives the compose stack its one base URL: it must reach each service by its container's name. */
class GatewayCommandTest {

    @Test
    void defaultsToLoopbackOn8080AndEachServiceByItsNameAndPort() {
        GatewayCommand.Settings settings = GatewayCommand.settings(List.of());

        assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.backends()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "command-service", "http://command-service:8081",
                "query-service", "http://query-service:8082",
                "rule-expander", "http://rule-expander:8083",
                "conflict-detector", "http://conflict-detector:8084",
                "console", "http://console:8085"));
    }

    @Test
    void optionsOverrideTheDefaultsAndAnythingElseIsRefused() {
        GatewayCommand.Settings settings = GatewayCommand.settings(
                List.of("--bind", "0.0.0.0", "--port", "9080", "--query-service", "http://reads.internal:80", "--console", "http://pages:80"));

        assertThat(settings.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(9080);
        assertThat(settings.backends()).containsEntry("query-service", "http://reads.internal:80").containsEntry("console", "http://pages:80")
                .containsEntry("command-service", "http://command-service:8081");
        assertThatThrownBy(() -> GatewayCommand.settings(List.of("--gateway-port", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gateway does not know --gateway-port");
        assertThatThrownBy(() -> GatewayCommand.settings(List.of("--port")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--port needs a value");
        assertThat(GatewayCommand.USAGE).contains("--bind").contains("--port").contains("--conflict-detector").contains("--console");
    }

    /** The command routes by the HTTPRoute on the classpath: a read goes to query-service's URL, as given. */
    @Test
    void routesByTheHttpRouteToTheGivenBackends() throws Exception {
        DisposableServer queryService = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.sendString(Mono.just("query-service saw " + request.uri())))
                .bindNow();
        GatewayCommand.Settings settings = GatewayCommand.settings(
                List.of("--port", "0", "--query-service", "http://127.0.0.1:" + queryService.port()));
        Gateway gateway = GatewayCommand.start(settings);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/api/v1/calendars/c1")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("query-service saw /api/v1/calendars/c1");
        } finally {
            gateway.close();
            queryService.disposeNow();
        }
    }
}
