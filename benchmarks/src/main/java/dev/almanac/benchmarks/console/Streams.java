package dev.almanac.benchmarks.console;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open consoles, as the server sees them: N live streams of the busy calendar (GET /api/v1/stream, through the
 * gateway), each with its own connection. Measures what they take in query-service and in the gateway, by each JVM's
 * own meters before and after (heap in use, so young garbage blurs it, and the direct buffers), then when one change
 * made through the API reaches each stream.
 */
final class Streams {

    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.eE+]+)$", Pattern.MULTILINE);

    private final String gateway;
    private final String queryService;
    private final SeedData seed;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Streams(String gateway, String queryService, SeedData seed) {
        this.gateway = gateway;
        this.queryService = queryService;
        this.seed = seed;
    }

    void measure(int count, PrintStream out) throws InterruptedException {
        Memory before = Memory.now(http, queryService, gateway);
        List<Stream> streams = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(count);
        AtomicInteger refused = new AtomicInteger();
        long opening = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Stream stream = new Stream(ready);
            streams.add(stream);
            http.sendAsync(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/stream?calendar_id=" + SeedData.BUSY))
                            .header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(stream))
                    .whenComplete((response, failure) -> {
                        if (failure != null || response.statusCode() != 200) {
                            refused.incrementAndGet();
                            ready.countDown();
                        }
                    });
        }
        boolean allReady = ready.await(120, TimeUnit.SECONDS);
        double openSeconds = (System.nanoTime() - opening) / 1e9;
        Thread.sleep(2000);
        Memory after = Memory.now(http, queryService, gateway);
        int open = count - refused.get();
        out.printf(Locale.ROOT, "Live streams: %d open (%d refused%s) in %.1f s%n", open, refused.get(), allReady ? "" : ", some never ready", openSeconds);
        out.printf(Locale.ROOT, "  query-service: heap %+.1f MB, buffers %+.1f MB: %.1f KB a stream%n",
                (after.queryHeap() - before.queryHeap()) / 1e6, (after.queryBuffers() - before.queryBuffers()) / 1e6,
                perStream(after.queryHeap() + after.queryBuffers() - before.queryHeap() - before.queryBuffers(), open));
        out.printf(Locale.ROOT, "  gateway (launcher JVM): heap %+.1f MB, buffers %+.1f MB: %.1f KB a stream%n",
                (after.gatewayHeap() - before.gatewayHeap()) / 1e6, (after.gatewayBuffers() - before.gatewayBuffers()) / 1e6,
                perStream(after.gatewayHeap() + after.gatewayBuffers() - before.gatewayHeap() - before.gatewayBuffers(), open));

        long sent = System.currentTimeMillis();
        String id = seed.scheduleChange();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && streams.stream().filter(s -> s.open).anyMatch(s -> !s.seen.containsKey(id))) {
            Thread.sleep(20);
        }
        List<Double> reached = streams.stream().filter(s -> s.open)
                .map(s -> s.seen.containsKey(id) ? (double) (s.seen.get(id) - sent) : Double.POSITIVE_INFINITY).toList();
        out.printf("  one change through the API to every stream: %s%n", Stats.of(reached));
        streams.forEach(Stream::close);
    }

    private static double perStream(double bytes, int streams) {
        return streams == 0 ? 0 : bytes / 1024 / streams;
    }

    /** One stream: the subject of each entry event it hears, and when. */
    private static final class Stream implements Flow.Subscriber<String> {

        private static final Pattern SUBJECT = Pattern.compile("\"subject\":\"([^\"]+)\"");
        private final CountDownLatch ready;
        private final ConcurrentHashMap<String, Long> seen = new ConcurrentHashMap<>();
        private volatile Flow.@org.jspecify.annotations.Nullable Subscription subscription;
        private volatile boolean open;

        Stream(CountDownLatch ready) {
            this.ready = ready;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.equals("event:ready") && !open) {
                open = true;
                ready.countDown();
            }
            Matcher subject = SUBJECT.matcher(line);
            if (line.startsWith("data:") && subject.find()) {
                seen.putIfAbsent(subject.group(1), System.currentTimeMillis());
            }
        }

        @Override
        public void onError(Throwable failure) {
            open = false;
        }

        @Override
        public void onComplete() {
            open = false;
        }

        void close() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }

    /** Memory in use, from each JVM's own meters: heap and the buffers outside it (Netty's), in bytes. */
    private record Memory(double queryHeap, double queryBuffers, double gatewayHeap, double gatewayBuffers) {

        private static final Pattern BUFFERS = Pattern.compile("^jvm_buffer_memory_used_bytes\\{[^}]*\\} ([0-9.eE+]+)$", Pattern.MULTILINE);

        static Memory now(HttpClient http, String queryService, String gateway) {
            String query = scrape(http, queryService);
            String front = scrape(http, gateway);
            return new Memory(sum(HEAP, query), sum(BUFFERS, query), sum(HEAP, front), sum(BUFFERS, front));
        }

        private static double sum(Pattern metric, String scrape) {
            double total = 0;
            Matcher found = metric.matcher(scrape);
            while (found.find()) {
                total += Double.parseDouble(found.group(1));
            }
            return total;
        }

        private static String scrape(HttpClient http, String base) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
