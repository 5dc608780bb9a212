package dev.almanac.benchmarks.seedscale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The rules created through the API by a fixed number of clients, each sending its next rule when the last is
 * answered, each rule as its owner. A 429 is waited out as its Retry-After says, and a rule that got no answer or a
 * 5xx is sent again, a few times; any other refusal is a failure, and the first few are reported with their bodies.
 */
final class RuleLoad {

    private static final int ATTEMPTS = 10;
    private static final int FAILURES_SHOWN = 5;

    /**
     * @param took        from the first rule sent to the last one answered 201
     * @param lastCreated {@code System.nanoTime()} of the last 201
     * @param latencies   from each rule's first sending to its 201, retries included
     */
    record Result(int created, int failed, int rateLimited, int resent, List<String> firstFailures, Samples latencies, Duration took,
                  long lastCreated) {

        double perSecond() {
            return took.isZero() ? 0 : created / (took.toNanos() / 1e9);
        }
    }

    final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger resent = new AtomicInteger();
    private final AtomicLong lastCreated = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Samples latencies = new Samples();
    private final Api api;
    private final List<SeedPlan.RuleSpec> rules;

    RuleLoad(Api api, List<SeedPlan.RuleSpec> rules) {
        this.api = api;
        this.rules = List.copyOf(rules);
    }

    /** Creates every rule with {@code clients} clients, and returns when all are answered. */
    Result run(int clients) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        lastCreated.set(started);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread client = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < rules.size(); i = next.getAndIncrement()) {
                    create(rules.get(i));
                }
            }, "seed-scale-client-" + c);
            client.setDaemon(true);
            client.start();
            threads.add(client);
        }
        for (Thread client : threads) {
            client.join();
        }
        return new Result(created.get(), failed.get(), rateLimited.get(), resent.get(), List.copyOf(failures), latencies,
                Duration.ofNanos(lastCreated.get() - started), lastCreated.get());
    }

    private void create(SeedPlan.RuleSpec rule) {
        long sent = System.nanoTime();
        Api.Answer answer = api.createRule(rule);
        for (int attempt = 1; !answer.created() && attempt < ATTEMPTS; attempt++) {
            if (answer.status() == 429) {
                rateLimited.incrementAndGet();
            } else if (answer.status() == 0 || answer.status() >= 500) {
                resent.incrementAndGet();
            } else {
                break;
            }
            LockSupport.parkNanos(answer.retryAfter().toNanos());
            answer = api.createRule(rule);
        }
        if (answer.created()) {
            long now = System.nanoTime();
            latencies.add(Duration.ofNanos(now - sent));
            lastCreated.accumulateAndGet(now, Math::max);
            created.incrementAndGet();
            return;
        }
        failed.incrementAndGet();
        if (failures.size() < FAILURES_SHOWN) {
            failures.add(rule.id() + " by " + rule.owner() + ": " + answer.status() + " " + answer.body());
        }
    }
}
