package dev.almanac.tui.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Almanac's public APIs as the client reads them, from canned answers, on the JDK's HTTP server; each command is
 * recorded with its If-Match and body, and answered {@link #commandStatus}.
 */
public final class FakeAlmanac implements AutoCloseable {

    record Command(String method, String path, String ifMatch, String body, Map<String, List<String>> headers) {
    }

    final List<Command> commands = new CopyOnWriteArrayList<>();
    volatile int commandStatus = 200;
    public volatile String opsEvents = "{\"events\":[]}";
    private final HttpServer server;

    public FakeAlmanac() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/calendar/config", exchange -> answer(exchange, 200, """
                {"default_timezone":"UTC","supported_timezones":["UTC","America/New_York","Europe/Berlin"],
                 "view_settings":{"week_start":"monday","time_format":"24h",
                   "density_colors":{"low":"#d1fae5","medium":"#fde68a","high":"#fb923c","critical":"#dc2626"}}}"""));
        server.createContext("/api/v1/calendars", exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/monthly")) {
                answer(exchange, 200, """
                        {"days":[{"date":"2026-11-18","job_count":3,"job_types":{"report":3},"conflict_ids":["c1"],
                          "density_score":1.0,"density_level":"critical"}],"total_jobs":3}""");
            } else {
                answer(exchange, 200, """
                        {"calendars":[{"id":"ops","name":"Operations","timezone":"America/New_York"},
                                      {"id":"rooms","name":"Rooms","timezone":"UTC"}]}""");
            }
        });
        server.createContext("/api/v1/ops/calendar/events", exchange -> answer(exchange, 200, opsEvents));
        server.createContext("/api/v1/schedules", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            commands.add(new Command(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("If-Match"), body, Map.copyOf(exchange.getRequestHeaders())));
            exchange.getResponseHeaders().add("Almanac-Consistency-Token", "token-" + commands.size());
            if (commandStatus == 412) {
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                answer(exchange, 412, "{\"title\":\"Precondition Failed\",\"detail\":\"The item is at version 3, not 2\"}");
            } else if (commandStatus >= 400) {
                answer(exchange, commandStatus, "{\"title\":\"Refused\",\"detail\":\"SCH-005: only a manager may move it now\"}");
            } else {
                answer(exchange, 200, "{}");
            }
        });
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().putIfAbsent("Content-Type", List.of("application/json"));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
