package dev.almanac.query.window;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** How the unfiltered windows were answered, and how their kept answers were checked, for tests and an operator's meters. */
final class WindowMetrics implements MeterBinder {

    final AtomicLong currentAnswers = new AtomicLong();
    final AtomicLong updatedAnswers = new AtomicLong();
    final AtomicLong computedAnswers = new AtomicLong();
    final AtomicLong scopeChecks = new AtomicLong();
    final AtomicLong changeChecks = new AtomicLong();
    final AtomicLong dayChecks = new AtomicLong();

    /**
     * How many checks of kept answers read their scope's revision alone, how many read the revisions of every day too,
     * and how many only those of the days their scope's log gave.
     */
    long[] checks() {
        return new long[] {scopeChecks.get(), dayChecks.get(), changeChecks.get()};
    }

    /** How many kept answers were brought up to date by the days that changed rather than computed again. */
    long updates() {
        return updatedAnswers.get();
    }

    /**
     * What an operator sees of the unfiltered windows: of the answers checked or made, how many were kept ones found
     * current, kept ones updated by the days that changed, and computed from every day. Answers served within the
     * recheck interval without a check are not counted.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        for (Map.Entry<String, AtomicLong> how : Map.of("current", currentAnswers, "updated", updatedAnswers, "computed", computedAnswers).entrySet()) {
            FunctionCounter.builder("almanac.query.window.answers", how.getValue(), AtomicLong::get)
                    .description("Unfiltered windows answered after a check: kept and current, kept and updated, or computed")
                    .tag("how", how.getKey())
                    .register(registry);
        }
        for (Map.Entry<String, AtomicLong> read : Map.of("scope", scopeChecks, "days", dayChecks, "changed-days", changeChecks).entrySet()) {
            FunctionCounter.builder("almanac.query.window.checks", read.getValue(), AtomicLong::get)
                    .description("Checks of kept windows: by their scope's revision alone, by the revisions of every day, "
                            + "or by those of the days their scope's log says changed")
                    .tag("read", read.getKey())
                    .register(registry);
        }
    }
}
