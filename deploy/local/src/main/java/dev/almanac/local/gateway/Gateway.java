package dev.almanac.local.gateway;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import dev.almanac.local.gateway.GatewayMetrics.BackendFailure;
import dev.almanac.platform.http.ProblemBodies;
import dev.almanac.platform.http.RequestSyntax;

/**
 * A streaming reverse proxy: each request is matched against the route table and passed,
 * body and all, to the backend service; the response streams back unbuffered (so server-sent
 * events pass through too). An unroutable request or an unreachable backend is answered with
 * a problem document, as the services answer theirs. It answers {@code GET /actuator/prometheus}
 * itself, with its own metrics ({@link GatewayMetrics}), which count every other answer: those of
 * {@link #handle}, and those the HTTP server gives requests it cannot decode ({@link UndecodableRequests}).
 * It serves Swagger UI too ({@link SwaggerUi}), on the paths no route serves but the catch-all {@code /} (the console's,
 * ADR 0067).
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(20);
    /** About as long as the launcher takes to notice a dead service and start it again, before its JVM's start. */
    static final Duration RETRY_AFTER_UNAVAILABLE = Duration.ofSeconds(5);
    /** The longest request line taken, as query-service's server.netty.max-initial-line-length. */
    static final int MAX_REQUEST_LINE = 16 * 1024;

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    /**
     * One event loop serves both sides of every exchange. With several, a request read on one loop is often sent on a
     * pooled connection that another loop owns, and the answer crosses back: two thread handoffs, each a wakeup, for
     * every request. Measured by {@code GatewayEventLoopsBenchmarkTest}; one loop proxies thousands of requests a
     * second.
     */
    private static final int EVENT_LOOPS = 1;

    /** Connections to each backend at once. */
    static final int MAX_BACKEND_CONNECTIONS = 2_000;

    private final DisposableServer server;
    private final ConnectionProvider connections;
    private final LoopResources loops;
    private final GatewayMetrics metrics;

    private Gateway(DisposableServer server, ConnectionProvider connections, LoopResources loops,
                    GatewayMetrics metrics) {
        this.server = server;
        this.connections = connections;
        this.loops = loops;
        this.metrics = metrics;
    }

    /**
     * @param backends the local base URL (for example {@code http://127.0.0.1:8081}) of each backend named in the routes
     */
    public static Gateway start(String host, int port, RouteTable routes, Map<String, String> backends) {
        return start(host, port, routes, backends, EVENT_LOOPS, Map.of());
    }

    /**
     * As {@link #start(String, int, RouteTable, Map)}, with pages of the local stack's own (the mailbox): each a GET path
     * whose JSON the supplier makes, served before any route.
     */
    public static Gateway start(String host, int port, RouteTable routes, Map<String, String> backends,
                                Map<String, java.util.function.Supplier<String>> localPages) {
        return start(host, port, routes, backends, EVENT_LOOPS, localPages);
    }

    /** As {@link #start(String, int, RouteTable, Map)}, on {@code eventLoops} threads named almanac-gateway-…. */
    static Gateway start(String host, int port, RouteTable routes, Map<String, String> backends, int eventLoops) {
        return start(host, port, routes, backends, eventLoops, Map.of());
    }

    private static Gateway start(String host, int port, RouteTable routes, Map<String, String> backends, int eventLoops,
                                 Map<String, java.util.function.Supplier<String>> localPages) {
        // Each open live stream holds a connection to query-service for its life, and query-service takes 1,000 streams
        // (almanac.query.stream.max-streams): the pool leaves room for them and for the reads beside them.
        ConnectionProvider connections = ConnectionProvider.builder("almanac-gateway").maxConnections(MAX_BACKEND_CONNECTIONS).build();
        LoopResources loops = LoopResources.create("almanac-gateway", eventLoops, true);
        GatewayMetrics metrics = new GatewayMetrics();
        try {
            HttpClient client = HttpClient.create(connections).runOn(loops);
            Map<String, Backend> clients = new HashMap<>();
            backends.forEach((name, baseUrl) -> clients.put(name, Backend.of(client, baseUrl)));
            SwaggerUi docs = SwaggerUi.of(routes.openApiDocuments());
            DisposableServer server = UndecodableRequests.on(ProblemBodies.on(HttpServer.create()
                    // A live-update stream names up to 100 calendars in its request line, as query-service takes it.
                    .httpRequestDecoder(decoder -> decoder.maxInitialLineLength(MAX_REQUEST_LINE))
                    .runOn(loops)
                    .host(host)
                    .port(port)), metrics)
                    .handle((request, response) -> handle(request, response, routes, clients, metrics, docs, localPages))
                    .bindNow();
            return new Gateway(server, connections, loops, metrics);
        } catch (RuntimeException e) {
            connections.dispose();
            loops.dispose();
            metrics.close();
            throw e;
        }
    }

    private static Mono<Void> handle(HttpServerRequest request, HttpServerResponse response, RouteTable routes,
                                     Map<String, Backend> backends, GatewayMetrics metrics, SwaggerUi docs,
                                     Map<String, java.util.function.Supplier<String>> localPages) {
        if (request.method() == HttpMethod.GET && GatewayMetrics.PATH.equals(request.uri())) {
            return response.header(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                    .sendString(Mono.fromCallable(metrics::scrape), StandardCharsets.UTF_8)
                    .then();
        }
        // The gateway's own pages, like its metrics, are not the services' answers, so they are not counted with them.
        // Their paths are plain, so the raw path is compared: decoding a malformed one would throw here.
        String uri = originForm(request.uri());
        String rawPath = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        java.util.function.Supplier<String> page = localPages.get(rawPath);
        if (request.method() == HttpMethod.GET && page != null) {
            return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .sendString(Mono.fromCallable(page::get), StandardCharsets.UTF_8)
                    .then();
        }
        if (request.method() == HttpMethod.GET && SwaggerUi.serves(rawPath)
                && routes.route(HttpMethod.GET.name(), rawPath).filter(rule -> !rule.catchAll()).isEmpty()) {
            return docs.answer(rawPath, response);
        }
        long started = System.nanoTime();
        RouteRule[] matched = new RouteRule[1];
        BackendFailure[] failed = new BackendFailure[1];
        return forward(request, response, routes, backends, rule -> matched[0] = rule, failure -> failed[0] = failure)
                .doFinally(signal -> metrics.requestServed(request.method().name(),
                        matched[0] == null ? GatewayMetrics.NONE : matched[0].path(),
                        matched[0] == null ? GatewayMetrics.NONE : matched[0].backend(),
                        response.status().code(), failed[0], started));
    }

    private static Mono<Void> forward(HttpServerRequest request, HttpServerResponse response, RouteTable routes,
                                      Map<String, Backend> backends, Consumer<RouteRule> routed,
                                      Consumer<BackendFailure> failed) {
        String uri = originForm(request.uri());
        String rawPath = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        String query = uri.contains("?") ? uri.substring(uri.indexOf('?')) : "";
        RequestSyntax.Violation malformed = RequestSyntax.of(uri);
        if (malformed != null) {
            return problem(response, HttpResponseStatus.BAD_REQUEST, "Invalid request", malformed.message(), malformed.field(),
                    malformed.rule());
        }
        String path = request.fullPath();
        var rule = routes.route(request.method().name(), path);
        if (rule.isEmpty() || !backends.containsKey(rule.get().backend()) || !rawPath.startsWith("/")) {
            return problem(response, HttpResponseStatus.NOT_FOUND, "No route",
                    "no Almanac API serves " + request.method().name() + " " + path, null, null);
        }
        routed.accept(rule.get());
        // The path travels on as it came, still encoded: the service decodes it exactly once.
        Backend backend = backends.get(rule.get().backend());
        String target = backend.basePath() + rule.get().upstreamPath(rawPath) + query;
        // A backend that stops answering gets a 504 problem rather than a client left waiting: after its route's
        // timeouts.request, or the gateway's default.
        Duration timeout = rule.get().timeout() == null ? RESPONSE_TIMEOUT : rule.get().timeout();
        return backend.client()
                .headers(headers -> copy(request.requestHeaders(), headers))
                .request(HttpMethod.valueOf(request.method().name()))
                .uri(target)
                .send((upstreamRequest, outbound) -> {
                    upstreamRequest.responseTimeout(timeout);
                    return outbound.send(request.receive().retain());
                })
                .response((upstream, body) -> {
                    response.status(upstream.status());
                    copy(upstream.responseHeaders(), response.responseHeaders());
                    return response.send(body.retain());
                })
                .then()
                .onErrorResume(failure -> {
                    log.warn("{} {} -> {}{} failed: {}", request.method(), path, backend.origin(), target, failure.toString());
                    if (response.hasSentHeaders()) {
                        return Mono.error(failure);
                    }
                    if (failure instanceof ReadTimeoutException) {
                        failed.accept(BackendFailure.TIMEOUT);
                        return problem(response, HttpResponseStatus.GATEWAY_TIMEOUT, "Service timed out",
                                "the service did not answer within " + seconds(timeout)
                                        + "; the request may or may not have been applied", null, null);
                    }
                    // Down or restarting (the launcher brings it back): a client told so waits and retries, where a 502
                    // would read as a fault of the gateway. The answer names no service, port or exception.
                    boolean closed = failure instanceof PrematureCloseException;
                    failed.accept(closed ? BackendFailure.CLOSED : BackendFailure.UNREACHABLE);
                    response.header(HttpHeaderNames.RETRY_AFTER, Long.toString(RETRY_AFTER_UNAVAILABLE.toSeconds()));
                    return problem(response, HttpResponseStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                            closed
                                    ? "the service stopped before it answered; the request may or may not have been applied,"
                                    + " so send it again with its id or If-Match after Retry-After seconds"
                                    : "the service that answers this request is not running; nothing reached it, so retry"
                                    + " after Retry-After seconds", null, null);
                });
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /**
     * The origin form ({@code /path?query}) of a request target. An absolute-form target
     * ({@code http://host/path?query}), which RFC 9112 (section 3.2.2) requires a server to accept, is routed by its
     * path and query alone: its host is not followed, since each backend's client is bound to the backend. Any other
     * target (asterisk or authority form) is returned as it is, and routes nowhere.
     */
    static String originForm(String target) {
        int schemeEnd = target.indexOf("://");
        if (target.startsWith("/") || schemeEnd < 0 || !isHttpScheme(target.substring(0, schemeEnd))) {
            return target;
        }
        int authorityStart = schemeEnd + 3;
        int pathStart = target.indexOf('/', authorityStart);
        int queryStart = target.indexOf('?', authorityStart);
        if (pathStart < 0 || queryStart >= 0 && queryStart < pathStart) {
            return "/" + (queryStart < 0 ? "" : target.substring(queryStart));
        }
        return target.substring(pathStart);
    }

    private static boolean isHttpScheme(String scheme) {
        return scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https");
    }

    /**
     * A backend's client, bound to its address once. Requests then name only a path, which the
     * client takes as it is; an absolute URL would be parsed again, by regular expressions, on
     * every request: about a tenth of the gateway's CPU under the load benchmark (ADR 0031).
     *
     * @param basePath the base URL's path, without a trailing slash, put before every upstream path
     * @param origin   scheme, host and port, for the log
     */
    private record Backend(HttpClient client, String basePath, String origin) {

        static Backend of(HttpClient client, String baseUrl) {
            URI base = URI.create(baseUrl);
            if (!"http".equals(base.getScheme()) || base.getHost() == null || base.getPort() < 0) {
                throw new IllegalArgumentException("a backend is http://host:port, not " + baseUrl);
            }
            String path = base.getRawPath() == null ? "" : base.getRawPath();
            return new Backend(client.host(base.getHost()).port(base.getPort()),
                    path.endsWith("/") ? path.substring(0, path.length() - 1) : path,
                    "http://" + base.getRawAuthority());
        }
    }

    private static void copy(HttpHeaders from, HttpHeaders to) {
        from.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    private static Mono<Void> problem(HttpServerResponse response, HttpResponseStatus status, String title, String detail,
                                      @Nullable String field, @Nullable String rule) {
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, ProblemBodies.CONTENT_TYPE)
                .sendString(Mono.just(ProblemBodies.document(status, title, detail, field, rule)), StandardCharsets.UTF_8)
                .then();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.disposeNow();
        connections.dispose();
        loops.dispose();
        metrics.close();
    }
}
