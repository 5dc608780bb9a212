package dev.almanac.benchmarks.console;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.almanac.benchmarks.load.LocalStackDefaults;

/**
 * Open consoles, as the server sees them: N live streams of the busy calendar (GET /api/v1/stream, through the
 * gateway), each with its own connection. Measures what they take in query-service (its heap after a collection is
 * not in reach from outside, so heap used and resident memory, before and after) and in the launcher (which holds the
 * gateway), then when one change made through the API reaches each stream.
 */
final class Streams {

    private static final String QUERY_SERVICE = "http://127.0.0.1:8082";
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.eE+]+)$", Pattern.MULTILINE);

    private final String gateway;
    private final SeedData seed;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Streams(String gateway, SeedData seed) {
        this.gateway = gateway;
        this.seed = seed;
    }

    void measure(int count, PrintStream out) throws InterruptedException {
        Memory before = Memory.now(http);
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
        Memory after = Memory.now(http);
        int open = count - refused.get();
        out.printf(Locale.ROOT, "Live streams: %d open (%d refused%s) in %.1f s%n", open, refused.get(), allReady ? "" : ", some never ready", openSeconds);
        out.printf(Locale.ROOT, "  query-service: heap used %+.1f MB, resident %+.1f MB: %.1f KB resident a stream%n",
                (after.heap() - before.heap()) / 1e6, (after.queryRss() - before.queryRss()) / 1e6,
                open == 0 ? 0 : (after.queryRss() - before.queryRss()) / 1024.0 / open);
        out.printf(Locale.ROOT, "  launcher (gateway): resident %+.1f MB: %.1f KB a stream%n", (after.launcherRss() - before.launcherRss()) / 1e6,
                open == 0 ? 0 : (after.launcherRss() - before.launcherRss()) / 1024.0 / open);

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

    /** query-service's heap used and resident memory, and the launcher's resident memory, now. */
    private record Memory(double heap, long queryRss, long launcherRss) {

        static Memory now(HttpClient http) {
            double heap = 0;
            try {
                String scrape = http.send(HttpRequest.newBuilder(URI.create(QUERY_SERVICE + "/actuator/prometheus")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher used = HEAP.matcher(scrape);
                while (used.find()) {
                    heap += Double.parseDouble(used.group(1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Memory(heap, rss("query-service.jar"), rss(LocalStackDefaults.LAUNCHER_JAR));
        }

        /** The resident memory of the process whose command line names {@code jar} and no other main (the read models' store does). */
        private static long rss(String jar) {
            Optional<ProcessHandle> process = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                    .map(line -> line.contains(jar) && !line.contains(LocalStackDefaults.READ_MODEL_STORE_MAIN)).orElse(false)).findFirst();
            if (process.isEmpty()) {
                return 0;
            }
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.get().pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            return 0;
        }
    }
}
