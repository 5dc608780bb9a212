package dev.almanac.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;


class GatewayTest {

    /** Requests the HTTP server cannot decode, which it answers before the gateway's handler runs. */
    private static final String TOO_LONG_REQUEST_LINE =
            "GET /api/v1/" + "a".repeat(Gateway.MAX_REQUEST_LINE) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    private static final String OVERSIZED_HEADERS =
            "GET /api/v1/x HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n";
    private static final String GARBLED_REQUEST_LINE = "GET\u0001 / BROKEN\r\nHost: localhost\r\nConnection: close\r\n\r\n";

    private DisposableServer backend;
    private Gateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        backend = HttpServer.create().host("127.0.0.1").port(0)
                .httpRequestDecoder(decoder -> decoder.maxInitialLineLength(Gateway.MAX_REQUEST_LINE))
                .handle((request, response) -> response.status(201)
                        .header("ETag", "\"7\"")
                        .header("X-Seen", request.method().name() + " " + request.uri() + " " + request.requestHeaders().get("traceparent"))
                        .header("X-Seen-Host", String.valueOf(request.requestHeaders().get("Host")))
                        .sendString(request.receive().aggregate().asString().defaultIfEmpty("").map(body -> "echo:" + body)))
                .bindNow();
        RouteTable routes = new RouteTable(List.of(
                new RouteRule(false, "/api/v1", "POST", "echo", null, null),
                new RouteRule(false, "/api/v1", "GET", "down", null, null),
                new RouteRule(true, "/docs", null, "echo", "/v3/api-docs", null)));
        gateway = Gateway.start("127.0.0.1", 0, routes, Map.of(
                "echo", "http://127.0.0.1:" + backend.port(),
                "down", "http://127.0.0.1:1"));
    }

    @AfterEach
    void stop() {
        gateway.close();
        backend.disposeNow();
    }

    @Test
    void forwardsMethodPathQueryHeadersAndBodyAndReturnsTheBackendsAnswer() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/api/v1/things?x=1"))
                .header("traceparent", "00-abc-def-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("echo:{\"a\":1}");
        assertThat(response.headers().firstValue("ETag")).contains("\"7\"");
        assertThat(response.headers().firstValue("X-Seen")).contains("POST /api/v1/things?x=1 00-abc-def-01");
    }

    /** A live-update stream of 100 calendars names them all in its request line, beyond Netty's default 4 KB. */
    @Test
    void forwardsARequestLineOfAHundredCalendars() throws Exception {
        String query = "calendar_id=" + String.join("&calendar_id=", java.util.Collections.nCopies(100, "cal-" + "x".repeat(60)));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/api/v1/stream?" + query))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(query.length()).isGreaterThan(6_000);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Seen")).hasValueSatisfying(seen -> assertThat(seen).contains(query));
    }

    /** query-service's GET /stream: an answer that never ends must reach the client event by event, not when it ends. */
    /** A gateway that cannot bind its port leaves no event loop running behind it. */
    @Test
    void aGatewayThatCannotStartStopsItsEventLoop() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Set<Long> before = gatewayThreads();

            assertThatThrownBy(() -> Gateway.start("127.0.0.1", taken.getLocalPort(), new RouteTable(List.of()), Map.of()))
                    .isInstanceOf(RuntimeException.class);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(gatewayThreads()).isSubsetOf(before));
        }
    }

    private static Set<Long> gatewayThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("almanac-gateway-"))
                .map(Thread::getId)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The gateway runs on one event loop: fifty requests waiting on a slow backend must not hold up a quick one. */
    @Test
    void answersAQuickRequestWhileManyWaitOnASlowBackend() throws Exception {
        DisposableServer slow = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.sendString(Mono.just("slow").delayElement(Duration.ofSeconds(5))))
                .bindNow();
        try (Gateway both = Gateway.start("127.0.0.1", 0, new RouteTable(List.of(
                new RouteRule(false, "/api/v1/slow", "GET", "slow", null, null),
                new RouteRule(false, "/api/v1", "POST", "echo", null, null))), Map.of(
                "slow", "http://127.0.0.1:" + slow.port(),
                "echo", "http://127.0.0.1:" + backend.port()))) {
            URI slowUrl = URI.create("http://127.0.0.1:" + both.port() + "/api/v1/slow");
            List<CompletableFuture<HttpResponse<String>>> waiting = Stream.generate(() -> http.sendAsync(
                    HttpRequest.newBuilder(slowUrl).GET().build(), HttpResponse.BodyHandlers.ofString())).limit(50).toList();

            HttpResponse<String> quick = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + both.port() + "/api/v1/x"))
                    .POST(HttpRequest.BodyPublishers.ofString("now")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(quick.body()).isEqualTo("echo:now");
            assertThat(waiting).noneMatch(CompletableFuture::isDone);
            assertThat(CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new))
                    .thenApply(done -> waiting.stream().map(answer -> answer.join().body()).distinct().toList())
                    .get(20, TimeUnit.SECONDS)).containsExactly("slow");
        } finally {
            slow.disposeNow();
        }
    }

    @Test
    void passesAServerSentEventStreamOnAsItComes() throws Exception {
        DisposableServer events = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.header("Content-Type", "text/event-stream")
                        .sendString(Flux.concat(Mono.just("event:ready\ndata:{}\n\n"), Flux.never())))
                .bindNow();
        try (Gateway streaming = Gateway.start("127.0.0.1", 0, new RouteTable(List.of(
                new RouteRule(false, "/api/v1/stream", "GET", "events", null, null))), Map.of("events", "http://127.0.0.1:" + events.port()))) {
            CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + streaming.port() + "/api/v1/stream")).GET().build(),
                    HttpResponse.BodyHandlers.ofLines());

            HttpResponse<Stream<String>> answer = response.get(10, TimeUnit.SECONDS);
            assertThat(answer.headers().firstValue("Content-Type")).contains("text/event-stream");
            assertThat(CompletableFuture.supplyAsync(() -> answer.body().limit(2).toList()).get(10, TimeUnit.SECONDS))
                    .containsExactly("event:ready", "data:{}");
        } finally {
            events.disposeNow();
        }
    }

    @Test
    void namesTheBackendsOwnAddressAsHost() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/api/v1/things"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("X-Seen-Host")).contains("127.0.0.1:" + backend.port());
    }

    /** RFC 9112 requires a server to accept an absolute-form target; its host is not followed (the "down" backend's port is 1). */
    @Test
    void routesAnAbsoluteTargetByItsPathAndNeverToItsHost() throws Exception {
        String response = raw("POST http://127.0.0.1:1/api/v1/x?y=2 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 201").contains("X-Seen: POST /api/v1/x?y=2 ");
    }

    @Test
    void routesNoOtherFormOfTarget() throws Exception {
        String response = raw("OPTIONS * HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 404").contains("application/problem+json");
    }

    @Test
    void theOriginFormOfATargetIsItsPathAndQuery() {
        assertThat(Gateway.originForm("/api/v1/x?y=2")).isEqualTo("/api/v1/x?y=2");
        assertThat(Gateway.originForm("http://example.com/api/v1/x?y=2")).isEqualTo("/api/v1/x?y=2");
        assertThat(Gateway.originForm("HTTPS://example.com:8443/api")).isEqualTo("/api");
        assertThat(Gateway.originForm("http://example.com")).isEqualTo("/");
        assertThat(Gateway.originForm("http://example.com?y=/2")).isEqualTo("/?y=/2");
        assertThat(Gateway.originForm("ftp://example.com/api/v1/x")).isEqualTo("ftp://example.com/api/v1/x");
        assertThat(Gateway.originForm("*")).isEqualTo("*");
    }

    @Test
    void rewritesTheFullPathWhenTheRouteSaysSo() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/docs")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("X-Seen").orElseThrow()).startsWith("GET /v3/api-docs ");
    }

    @Test
    void answersAnUnroutableRequestWithAProblem() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/elsewhere")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains("GET /elsewhere");
    }

    /** A service that is down is a wait, not a fault: 503 with Retry-After, and nothing of the stack's inside in the answer. */
    @Test
    void answersABackendThatRefusesTheConnectionAsUnavailableWithRetryAfter() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/api/v1/x")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(response.body()).contains("\"title\":\"Service unavailable\"", "\"status\":503", "nothing reached it")
                .doesNotContain("down", "127.0.0.1", ":1", "Exception");
    }

    /** A service killed while it holds a request: the client learns that it may have been applied. */
    @Test
    void answersABackendThatDiesBeforeAnsweringAsUnavailable() throws Exception {
        DisposableServer dying = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().then(Mono.fromRunnable(() ->
                        response.withConnection(connection -> connection.channel().close()))).then(Mono.never()))
                .bindNow();
        RouteTable routes = new RouteTable(List.of(new RouteRule(false, "/api", null, "dying", null, null)));
        try (Gateway proxy = Gateway.start("127.0.0.1", 0, routes, Map.of("dying", "http://127.0.0.1:" + dying.port()))) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/api/x"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.body()).contains("may or may not have been applied").doesNotContain("dying", "Exception");
        } finally {
            dying.disposeNow();
        }
    }

    /** A route's {@code timeouts.request} bounds its own requests; the other routes keep the gateway's default. */
    @Test
    void answersARouteThatOutwaitsItsOwnTimeoutWithAGatewayTimeout() throws Exception {
        DisposableServer slow = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.sendString(Mono.delay(Duration.ofSeconds(2)).thenReturn("late")))
                .bindNow();
        RouteTable routes = new RouteTable(List.of(
                new RouteRule(true, "/hurried", null, "slow", null, Duration.ofMillis(300)),
                new RouteRule(true, "/patient", null, "slow", null, null)));
        try (Gateway timed = Gateway.start("127.0.0.1", 0, routes, Map.of("slow", "http://127.0.0.1:" + slow.port()))) {
            HttpResponse<String> hurried = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + timed.port() + "/hurried"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> patient = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + timed.port() + "/patient"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(hurried.statusCode()).isEqualTo(504);
            assertThat(hurried.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(hurried.body()).contains("did not answer within 300 ms").doesNotContain("slow");
            assertThat(patient.statusCode()).isEqualTo(200);
            assertThat(patient.body()).isEqualTo("late");
        } finally {
            slow.disposeNow();
        }
    }

    @Test
    void answersAMalformedPercentEncodingWithAProblemNamingThePath() throws Exception {
        String response = raw("GET /api/v1/calendars/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("\"field\":\"path\"").contains("\"rule\":\"percent_encoding\"");
    }

    @Test
    void refusesAMatrixParameterThatRoutingWouldStripNamingThePathAndTheRule() throws Exception {
        String response = raw("POST /api/v1/schedules/s-1;x=1/reschedule HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("\"field\":\"path\"").contains("\"rule\":\"matrix_parameters\"").contains("/api/v1/schedules/s-1;x=1/reschedule");
    }

    @Test
    void answersAMalformedQueryWithAProblemNamingTheQuery() throws Exception {
        String response = raw("GET /api/v1/x?from=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400").contains("\"field\":\"query\"");
    }

    @Test
    void passesAnEncodedPathOnAsItCame() throws Exception {
        String response = raw("POST /api/v1/bad%20id%21 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 201").contains("POST /api/v1/bad%20id%21");
    }

    @Test
    void answersATooLongRequestLineWithAProblemBody() throws Exception {
        String response = raw(TOO_LONG_REQUEST_LINE);

        assertThat(response).startsWith("HTTP/1.1 414").contains("application/problem+json")
                .contains("https://almanac.dev/problems/uri-too-long");
    }

    @Test
    void answersOversizedHeadersWithAProblemBody() throws Exception {
        String response = raw(OVERSIZED_HEADERS);

        assertThat(response).startsWith("HTTP/1.1 431").contains("application/problem+json")
                .contains("https://almanac.dev/problems/headers-too-large");
    }

    @Test
    void answersAGarbledRequestWithAProblemBody() throws Exception {
        String response = raw(GARBLED_REQUEST_LINE);

        assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json");
    }

    @Test
    void answersAPathThatIsNotUtf8WithAProblem() throws Exception {
        String response = raw("GET /api/v1/calendars/%ff%fe HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400").contains("does not decode to UTF-8");
    }

    /** SREs read the gateway's latency and failures by route and backend, as they read each service's. */
    @Test
    void servesItsRequestsAsMetricsByRouteBackendAndStatus() throws Exception {
        http.send(HttpRequest.newBuilder(url("/api/v1/things")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        http.send(HttpRequest.newBuilder(url("/api/v1/x")).GET().build(), HttpResponse.BodyHandlers.discarding());
        http.send(HttpRequest.newBuilder(url("/elsewhere")).GET().build(), HttpResponse.BodyHandlers.discarding());

        // A request is counted once its answer is sent, which the client may see first.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(url("/actuator/prometheus")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
            assertThat(counted(scrape.body(), "uri=\"/api/v1\"", "backend=\"echo\"", "method=\"POST\"", "status=\"201\"", "error=\"none\"",
                    "outcome=\"SUCCESS\"")).isEqualTo(1);
            assertThat(counted(scrape.body(), "uri=\"/api/v1\"", "backend=\"down\"", "method=\"GET\"", "status=\"503\"", "error=\"unreachable\"",
                    "outcome=\"SERVER_ERROR\"")).isEqualTo(1);
            assertThat(counted(scrape.body(), "uri=\"none\"", "backend=\"none\"", "status=\"404\"")).isEqualTo(1);
            assertThat(scrape.body()).contains("http_server_requests_seconds_bucket{").contains("jvm_memory_used_bytes{");
        });
    }

    /**
     * What the HTTP server refuses before routing is counted too, with no method (the server reports a placeholder
     * for a request line it could not read), route or backend; a target that is read but cannot be decoded keeps its
     * method.
     */
    @Test
    void countsTheRequestsItAnswersBeforeRoutingByStatus() throws Exception {
        assertThat(scrape()).doesNotContain("backend=\"none\"");

        assertThat(raw(TOO_LONG_REQUEST_LINE)).startsWith("HTTP/1.1 414");
        assertThat(raw(OVERSIZED_HEADERS)).startsWith("HTTP/1.1 431");
        assertThat(raw(GARBLED_REQUEST_LINE)).startsWith("HTTP/1.1 400");
        assertThat(raw("GET /api/v1/calendars/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 400");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String scrape = scrape();
            assertThat(counted(scrape, "method=\"none\"", "uri=\"none\"", "backend=\"none\"", "status=\"414\"",
                    "outcome=\"CLIENT_ERROR\"")).isEqualTo(1);
            assertThat(counted(scrape, "method=\"none\"", "uri=\"none\"", "backend=\"none\"", "status=\"431\"")).isEqualTo(1);
            assertThat(counted(scrape, "method=\"none\"", "uri=\"none\"", "backend=\"none\"", "status=\"400\"")).isEqualTo(1);
            assertThat(counted(scrape, "method=\"GET\"", "uri=\"none\"", "backend=\"none\"", "status=\"400\"")).isEqualTo(1);
        });
    }

    /** Its head was decoded and routed, so the gateway's handler counts it, once; only its body broke off. */
    @Test
    void countsARequestWhoseBodyCannotBeDecodedOnceUnderItsRoute() throws Exception {
        String response = raw("POST /api/v1/x HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "ZZ\r\nabc\r\n0\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(counted(scrape(), "uri=\"/api/v1\"", "backend=\"echo\"", "method=\"POST\"")).isEqualTo(1));
        assertThat(scrape()).doesNotContain("method=\"none\"");
    }

    /** A console's live stream holds its connection to query-service for as long as it is open; a thousand consoles fit. */
    @Test
    void holdsAThousandOpenStreamsToOneBackendAtOnce() throws Exception {
        int streams = 1_000;
        DisposableServer held = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.header("Content-Type", "text/event-stream")
                        .sendString(Flux.concat(Flux.just(": open\n\n"), Flux.never())))
                .bindNow();
        Gateway streaming = Gateway.start("127.0.0.1", 0, new RouteTable(List.of(new RouteRule(false, "/api/v1", "GET", "held", null, null))),
                Map.of("held", "http://127.0.0.1:" + held.port()));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<InputStream>>> open = new ArrayList<>();
        try {
            for (int i = 0; i < streams; i++) {
                open.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + streaming.port() + "/api/v1/stream?n=" + i))
                        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> open.stream().filter(CompletableFuture::isDone).count() == streams);
            assertThat(open).allSatisfy(answer -> assertThat(answer.join().statusCode()).isEqualTo(200));
        } finally {
            open.forEach(answer -> answer.thenAccept(response -> {
                try {
                    response.body().close();
                } catch (IOException ignored) {
                    // Closing a stream the test no longer reads.
                }
            }));
            streaming.close();
            held.disposeNow();
        }
    }

    private String scrape() throws Exception {
        return http.send(HttpRequest.newBuilder(url("/actuator/prometheus")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The count of the one request series whose labels include all of {@code labels}, each series labelled service="gateway". */
    private static double counted(String scrape, String... labels) {
        List<String> series = scrape.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .toList();
        assertThat(series).as("series with %s", Arrays.toString(labels)).singleElement()
                .satisfies(line -> assertThat(line).contains("service=\"gateway\""));
        return Double.parseDouble(series.get(0).substring(series.get(0).lastIndexOf(' ') + 1));
    }

    /** Sends bytes the JDK client would refuse to send; the answer, or "" when the connection was dropped without one. */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }
}
