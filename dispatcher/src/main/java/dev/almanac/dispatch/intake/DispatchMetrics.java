package dev.almanac.dispatch.intake;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.dispatch.OccurrenceDue;

/** What the dispatcher publishes, by trigger, and how late it decides a dispatch after it fell due. */
public final class DispatchMetrics {

    public static final String DISPATCHED = "almanac.dispatch.dispatched";
    public static final String MISFIRED = "almanac.dispatch.misfired";
    public static final String LATENESS = "almanac.dispatch.lateness";

    private final Map<DispatchTrigger, Counter> dispatched = new EnumMap<>(DispatchTrigger.class);
    private final Counter misfired;
    private final Timer lateness;

    public DispatchMetrics(MeterRegistry registry) {
        for (DispatchTrigger trigger : DispatchTrigger.values()) {
            dispatched.put(trigger, Counter.builder(DISPATCHED).tag("trigger", trigger.name().toLowerCase())
                    .description("OccurrenceDue records published").register(registry));
        }
        misfired = Counter.builder(MISFIRED).description("Occurrences reached too late to dispatch, left to the missed-run check")
                .register(registry);
        lateness = Timer.builder(LATENESS).description("From an attempt's due time to the dispatcher's decision to publish it")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    void dispatched(OccurrenceDue due) {
        dispatched.get(due.trigger()).increment();
        Duration late = Duration.between(due.dueAt(), due.dispatchedAt());
        lateness.record(late.isNegative() ? Duration.ZERO : late);
    }

    void misfired(int occurrences) {
        misfired.increment(occurrences);
    }

    public double dispatchedCount() {
        return dispatched.values().stream().mapToDouble(Counter::count).sum();
    }
}
