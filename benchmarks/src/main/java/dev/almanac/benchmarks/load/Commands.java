package dev.almanac.benchmarks.load;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** The benchmark's HTTP side: commands and window polls through the gateway, non-blocking, on a bounded connection pool. */
final class Commands implements AutoCloseable {

    private static final Pattern TOTAL = Pattern.compile("\"total_jobs\":(\\d+)");
    private static final String CONSISTENCY_TOKEN = "consistency_token";
    /**
     * A probe pauses an eighth of the time it has waited so far, at least 5 ms and at most 200 ms: it sees an item at most
     * an eighth later than it became visible, and a slow read side is not flooded by its own probes. (Doubling pauses,
     * used before, saw an item up to twice as late: 160 ms became 315.)
     */
    private static final Duration SHORTEST_POLL_PAUSE = Duration.ofMillis(5);
    private static final Duration LONGEST_POLL_PAUSE = Duration.ofMillis(200);
    private static final int POLL_PAUSE_FRACTION = 8;

    private final ConnectionProvider connections = ConnectionProvider.builder("almanac-bench")
            .maxConnections(512).pendingAcquireMaxCount(-1).pendingAcquireTimeout(Duration.ofSeconds(60)).build();
    private final HttpClient http;
    /** Accepts gzip and decompresses, as a browser does. */
    private final HttpClient browser;

    Commands(String gateway) {
        this.http = HttpClient.create(connections).baseUrl(gateway + "/api/v1").responseTimeout(Duration.ofSeconds(60));
        this.browser = http.compress(true);
    }

    record Item(String id, Instant start) {
    }

    /** A command's answer; {@code token} is its Almanac-Consistency-Token, null when it had none. */
    record Response(int status, String body, String token) {

        boolean ok() {
            return status / 100 == 2;
        }
    }

    /** A window's answer: 200 with its tag, or 304 when the tag asked with still holds. */
    record WindowRead(int status, @Nullable String tag) {
    }

    /** A read's answer with what it said of its freshness ({@code Almanac-Consistency}), null when it said nothing. */
    record Read(int status, String body, String freshness) {
    }

    void createCalendar(String id, String type, int capacity) {
        Response response = post("/calendars", """
                {"id": "%s", "name": "Benchmark %s", "type": "%s", "timezone": "UTC", "capacity": %d, "overbooking_policy": "allow"}"""
                .formatted(id, id, type, capacity)).join();
        if (!response.ok()) {
            throw new IllegalStateException("creating calendar " + id + " answered " + response.status() + ": " + response.body());
        }
    }

    CompletableFuture<Response> schedule(String id, String calendar, Instant start, Duration length) {
        return post("/schedules", """
                {"id": "%s", "calendar_id": "%s", "title": "Benchmark item %s", "type": "job", "start": "%s", "end": "%s", "timezone": "UTC"}"""
                .formatted(id, calendar, id, start, start.plus(length)));
    }

    CompletableFuture<Response> reschedule(String id, Instant newStart) {
        return post("/schedules/" + id + "/reschedule", """
                {"new_time": "%s", "reason": "load benchmark"}""".formatted(newStart));
    }

    /**
     * When a probe's item was first counted by the window: {@code at} is {@code System.nanoTime()} of that answer;
     * {@code freshWithoutItem}, that an answer flagged fresh by the item's token did not count it (a broken promise);
     * {@code requests}, how many window requests the probe made.
     */
    record Visible(long at, boolean byToken, boolean freshWithoutItem, int requests) {
    }

    /**
     * Completes when a window answer first counts the item at {@code at}. With its command's {@code token}, the window
     * is asked once, as a frontend that has just written asks: query-service answers when its projection holds the
     * write. Without one, or when that answer is stale or lacks the item, the window is polled until it counts it.
     */
    CompletableFuture<Visible> awaitVisibleInWindow(String calendar, Instant at, @Nullable String token, Duration patience) {
        Instant hour = at.truncatedTo(ChronoUnit.HOURS);
        String window = windowPath(calendar, hour, hour.plus(1, ChronoUnit.HOURS), "hour");
        long started = System.nanoTime();
        long deadline = started + patience.toNanos();
        AtomicInteger requests = new AtomicInteger();
        if (token == null) {
            return poll(window, started, deadline, requests)
                    .map(visibleAt -> new Visible(visibleAt, false, false, requests.get())).toFuture();
        }
        requests.incrementAndGet();
        return read(window + "&" + CONSISTENCY_TOKEN + "=" + token)
                .flatMap(read -> {
                    if (read.status() == 200 && counts(read.body())) {
                        return Mono.just(new Visible(System.nanoTime(), true, false, requests.get()));
                    }
                    boolean freshWithoutItem = read.status() == 200 && "fresh".equals(read.freshness());
                    return poll(window, started, deadline, requests)
                            .map(visibleAt -> new Visible(visibleAt, false, freshWithoutItem, requests.get()));
                })
                .toFuture();
    }

    private static boolean counts(String windowBody) {
        Matcher total = TOTAL.matcher(windowBody);
        return total.find() && Integer.parseInt(total.group(1)) > 0;
    }

    private Mono<Long> poll(String window, long started, long deadline, AtomicInteger requests) {
        requests.incrementAndGet();
        return get(window).flatMap(body -> {
            if (counts(body)) {
                return Mono.just(System.nanoTime());
            }
            if (System.nanoTime() > deadline) {
                return Mono.error(new IllegalStateException("not visible in time: " + window));
            }
            return Mono.delay(pollPause(Duration.ofNanos(System.nanoTime() - started)))
                    .then(Mono.defer(() -> poll(window, started, deadline, requests)));
        });
    }

    /** How long a probe that has waited {@code waited} pauses before it asks again. */
    static Duration pollPause(Duration waited) {
        Duration pause = waited.dividedBy(POLL_PAUSE_FRACTION);
        return pause.compareTo(SHORTEST_POLL_PAUSE) < 0 ? SHORTEST_POLL_PAUSE
                : pause.compareTo(LONGEST_POLL_PAUSE) > 0 ? LONGEST_POLL_PAUSE : pause;
    }

    /** The item read back with its command's consistency token, as a frontend that just wrote it would. */
    CompletableFuture<Read> readYourWrite(String id, String token) {
        return read("/schedules/" + id + "?" + CONSISTENCY_TOKEN + "=" + token).toFuture();
    }

    /** A read that may carry a consistency token, with the freshness its answer states. */
    private Mono<Read> read(String uri) {
        return http.get().uri(uri)
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Read(response.status().code(), text, response.responseHeaders().get("Almanac-Consistency"))));
    }

    /**
     * A month of {@code calendar}'s window, asked as a browser asks: gzip accepted, and {@code tag} (its last answer's)
     * sent as If-None-Match. The body is read whole, decompressed, as a browser would.
     */
    CompletableFuture<WindowRead> readWindow(String calendar, Instant from, @Nullable String tag) {
        String window = windowPath(calendar, from, from.plus(30, ChronoUnit.DAYS), "day");
        return browser.headers(headers -> {
                    if (tag != null) {
                        headers.set(HttpHeaderNames.IF_NONE_MATCH, tag);
                    }
                })
                .get().uri(window)
                .responseSingle((response, body) -> body.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> new WindowRead(response.status().code(), response.responseHeaders().get(HttpHeaderNames.ETAG))))
                .toFuture();
    }

    private static String windowPath(String calendar, Instant from, Instant till, String granularity) {
        return "/schedules/window?from=" + from + "&till=" + till + "&queue=" + calendar + "&granularity=" + granularity;
    }

    private Mono<String> get(String path) {
        return http.get().uri(path).responseSingle((response, body) -> body.asString().defaultIfEmpty(""));
    }

    private CompletableFuture<Response> post(String path, String json) {
        return http.headers(headers -> headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json"))
                .post().uri(path).send(ByteBufFlux.fromString(Mono.just(json)))
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Response(response.status().code(), text,
                                response.responseHeaders().get("Almanac-Consistency-Token"))))
                .toFuture();
    }

    @Override
    public void close() {
        connections.dispose();
    }
}
