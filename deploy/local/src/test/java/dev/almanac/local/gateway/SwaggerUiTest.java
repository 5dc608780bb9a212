package dev.almanac.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The gateway serves Swagger UI on the paths the HTTPRoute leaves free, and lists in it every OpenAPI document the
 * HTTPRoute publishes, each of which it routes to its service.
 */
class SwaggerUiTest {

    private static final Pattern LISTED = Pattern.compile("\\{\"name\":\"([a-z-]+)\",\"url\":\"(/api-docs/[a-z-]+)\"}");

    private final HttpClient http = HttpClient.newHttpClient();
    private DisposableServer services;
    private Gateway gateway;

    @BeforeEach
    void start() {
        // One server stands in for the four services: it names the path it was asked for.
        services = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.header("Content-Type", "application/json")
                        .sendString(Mono.just("{\"openapi\":\"3.1.0\",\"asked\":\"" + request.uri() + "\"}")))
                .bindNow();
        RouteTable routes = httpRoute();
        Map<String, String> backends = new LinkedHashMap<>();
        for (String name : List.of("command-service", "query-service", "conflict-detector", "rule-expander")) {
            backends.put(name, "http://127.0.0.1:" + services.port());
        }
        gateway = Gateway.start("127.0.0.1", 0, routes, backends);
    }

    @AfterEach
    void stop() {
        gateway.close();
        services.disposeNow();
    }

    @Test
    void docsAndSwaggerUiLeadToThePage() throws Exception {
        for (String path : List.of("/docs", "/swagger-ui")) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path).contains("/swagger-ui/");
        }
    }

    @Test
    void thePageIsSwaggerUisOwnWithItsScriptsAndStyles() throws Exception {
        HttpResponse<String> page = get("/swagger-ui/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.body()).contains("<div id=\"swagger-ui\"></div>", "./swagger-ui-bundle.js", "./swagger-initializer.js");
        HttpResponse<String> bundle = get("/swagger-ui/swagger-ui-bundle.js");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(get("/swagger-ui/swagger-ui.css").statusCode()).isEqualTo(200);
        assertThat(get("/swagger-ui/swagger-initializer.js").body())
                .as("the page reads the list of documents, not the distribution's example").contains("configUrl: \"swagger-config.json\"")
                .doesNotContain("petstore");
    }

    @Test
    void listsEveryServicesDocumentAndEachIsRoutedToItsService() throws Exception {
        HttpResponse<String> config = get("/swagger-ui/swagger-config.json");

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("Content-Type")).contains("application/json");
        Map<String, String> listed = new LinkedHashMap<>();
        LISTED.matcher(config.body()).results().forEach(match -> listed.put(match.group(1), match.group(2)));
        assertThat(listed).containsExactly(
                Map.entry("command-service", "/api-docs/command-service"),
                Map.entry("conflict-detector", "/api-docs/conflict-detector"),
                Map.entry("query-service", "/api-docs/query-service"),
                Map.entry("rule-expander", "/api-docs/rule-expander"));
        for (String document : listed.values()) {
            HttpResponse<String> openApi = get(document);

            assertThat(openApi.statusCode()).as(document).isEqualTo(200);
            assertThat(openApi.body()).as(document).isEqualTo("{\"openapi\":\"3.1.0\",\"asked\":\"/v3/api-docs\"}");
        }
    }

    @Test
    void aFileTheDistributionDoesNotHaveIsAProblemAndNothingOutsideItIsServed() throws Exception {
        for (String path : List.of("/swagger-ui/nothing.js", "/swagger-ui/..%2Fpom.properties", "/swagger-ui/.hidden",
                "/swagger-ui/sub/index.html")) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        }
    }

    /** A route the HTTPRoute declares wins over the gateway's own pages. */
    @Test
    void aRouteForOneOfItsPathsWins() throws Exception {
        try (Gateway routed = Gateway.start("127.0.0.1", 0, new RouteTable(List.of(
                new RouteRule(true, "/docs", null, "docs", "/v3/api-docs", null))), Map.of("docs", "http://127.0.0.1:" + services.port()))) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + routed.port() + "/docs")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"asked\":\"/v3/api-docs\"");
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The HTTPRoute the local stack routes by: deploy/k8s/base/httproute.yaml, which the build puts on the class path. */
    private static RouteTable httpRoute() {
        try (InputStream manifest = SwaggerUiTest.class.getResourceAsStream("/httproute.yaml")) {
            return RouteTable.fromHttpRoute(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
