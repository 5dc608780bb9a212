package dev.almanac.rules.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.rules.horizon.AdvancePass;
import dev.almanac.rules.horizon.HorizonAdvancer;
import dev.almanac.rules.horizon.HorizonMetrics;
import dev.almanac.rules.intake.TestIntake;
import dev.almanac.rules.materialisation.MaterialisationMetrics;
import dev.almanac.rules.materialisation.MaterialisationPlanner;
import dev.almanac.rules.materialisation.MaterialisationSettings;
import dev.almanac.rules.materialisation.Materialiser;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.testing.MutableClock;

/**
 * Many rules' events, interleaved by time as the rules topic carries them, run through
 * rule-expander's real intake, planner and horizon timer over an in-memory store, with the clock
 * moved by hand: horizon passes at random instants between the events, the events sometimes
 * handled a little after they happened. One condition is kept, the one under which what
 * rule-expander publishes does not depend on its clock: its horizon is never behind a rule event,
 * so every pass runs often enough (at least every half horizon) and a pause that ends by itself is
 * ended before the rule's next event.
 */
final class World {

    static final Duration HORIZON = Duration.ofDays(90);
    static final Instant START = Instant.parse("2026-02-01T00:00:00Z");
    static final Instant END = START.plus(Duration.ofDays(300));
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Random random;
    private final List<RuleScript> scripts = new ArrayList<>();
    private final PublishedLog log = new PublishedLog();
    private final MutableClock clock = new MutableClock(START.minus(Duration.ofDays(1)));
    private final RuleStore store = new RuleStore(InMemoryMongo.freshDatabase());
    private final TestIntake intake;
    private final HorizonAdvancer advancer;
    private Instant lastPass = clock.instant();
    private int passes;

    World(long seed, int rules, int maxOccurrencesPerPass) {
        this.random = new Random(seed);
        store.createIndexes().block(TIMEOUT);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MaterialisationPlanner planner = new MaterialisationPlanner(HORIZON, maxOccurrencesPerPass);
        Materialiser materialiser = new Materialiser(log, store, new MaterialisationMetrics(registry));
        this.intake = new TestIntake(store, planner, materialiser, log, clock);
        this.advancer = new HorizonAdvancer(store, planner, materialiser, clock, new HorizonMetrics(registry),
                new MaterialisationSettings(HORIZON, Duration.ofMinutes(1), maxOccurrencesPerPass, 500, TIMEOUT));
        for (int rule = 0; rule < rules; rule++) {
            Instant createdAt = START.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 60))).plusMillis(random.nextInt(60_000));
            scripts.add(new RuleScript(new Random(random.nextLong()), "rule-" + seed + "-" + rule, createdAt, END));
        }
    }

    /** Runs every event through rule-expander, then lets its horizon run on past the last. */
    World run() {
        List<RuleScript.Published> events = new ArrayList<>();
        TreeSet<Instant> resumeAfters = new TreeSet<>();
        scripts.forEach(script -> {
            events.addAll(script.events());
            resumeAfters.addAll(script.resumeAfters());
        });
        events.sort(Comparator.comparing(RuleScript.Published::time));
        Instant nextRandomPass = START.plus(randomGap());
        for (RuleScript.Published published : events) {
            Instant time = published.time();
            while (nextRandomPass.isBefore(time)) {
                pass(nextRandomPass);
                nextRandomPass = nextRandomPass.plus(randomGap());
            }
            Instant lapsed = resumeAfters.higher(lastPass);
            if (lapsed != null && !lapsed.isAfter(time)) {
                pass(between(lapsed, time));
            }
            if (lastPass.isBefore(time.minus(HORIZON.dividedBy(2)))) {
                pass(between(time.minus(HORIZON.dividedBy(2)), time));
            }
            Instant handledAt = random.nextInt(5) == 0 ? time.plusSeconds(random.nextInt(6 * 3600)) : time;
            clock.set(latest(clock.instant(), handledAt));
            intake.apply(published.envelope(), published.event());
        }
        // Past the end of every pause the events left, so that each has ended by itself.
        pass(END.plus(Duration.ofDays(210 + random.nextInt(30))));
        return this;
    }

    List<RuleScript> scripts() {
        return scripts;
    }

    PublishedLog log() {
        return log;
    }

    RuleStore store() {
        return store;
    }

    Instant now() {
        return clock.instant();
    }

    int passes() {
        return passes;
    }

    /** Horizon passes at {@code at} (never back in time) until every rule is published up to the horizon. */
    private void pass(Instant at) {
        clock.set(latest(clock.instant(), at));
        for (int round = 0; round < 1_000; round++) {
            AdvancePass pass = advancer.advance();
            passes++;
            assertThat(pass.failed()).as("rules the horizon failed to advance").isZero();
            if (pass.published() == 0) {
                break;
            }
        }
        lastPass = clock.instant();
    }

    private Instant between(Instant from, Instant until) {
        Instant earliest = latest(from, clock.instant());
        if (!earliest.isBefore(until)) {
            return earliest;
        }
        return earliest.plusMillis((long) (random.nextDouble() * Duration.between(earliest, until).toMillis()));
    }

    private Duration randomGap() {
        return Duration.ofMinutes(1 + random.nextInt(12 * 24 * 60));
    }

    private static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }
}
