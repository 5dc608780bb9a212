package dev.almanac.dispatch.intake;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.dispatch.DispatchEvent;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.dispatch.OccurrenceDue;

/** What the dispatcher publishes (dispatches by trigger, misfires, its other decisions), how late it decides a dispatch, and the reports it refuses. */
public final class DispatchMetrics {

    public static final String DISPATCHED = "almanac.dispatch.dispatched";
    public static final String MISFIRED = "almanac.dispatch.misfired";
    public static final String LATENESS = "almanac.dispatch.lateness";
    public static final String DECIDED = "almanac.dispatch.decisions";
    public static final String REFUSED = "almanac.dispatch.reports.refused";

    private final Map<DispatchTrigger, Counter> dispatched = new EnumMap<>(DispatchTrigger.class);
    private final Counter misfired;
    private final Timer lateness;
    private final Counter refused;
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    public DispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        refused = Counter.builder(REFUSED).description("Run reports that change nothing: of an occurrence not followed, or an attempt ended")
                .register(registry);
        for (DispatchTrigger trigger : DispatchTrigger.values()) {
            dispatched.put(trigger, Counter.builder(DISPATCHED).tag("trigger", trigger.name().toLowerCase())
                    .description("OccurrenceDue records published").register(registry));
        }
        misfired = Counter.builder(MISFIRED).description("Occurrences reached too late to dispatch, left to the missed-run check")
                .register(registry);
        // Every decision's series exists from the start, at zero, so that a rate over it is defined before the first one.
        for (Class<?> type : DispatchEvent.class.getPermittedSubclasses()) {
            if (type != OccurrenceDue.class && type != DispatchMisfired.class) {
                decision(EventCatalog.of(type.asSubclass(DispatchEvent.class)).name());
            }
        }
        lateness = Timer.builder(LATENESS).description("From an attempt's due time to the dispatcher's decision to publish it")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    void published(DispatchEvent event) {
        if (event instanceof OccurrenceDue due) {
            dispatched.get(due.trigger()).increment();
            Duration late = Duration.between(due.dueAt(), due.dispatchedAt());
            lateness.record(late.isNegative() ? Duration.ZERO : late);
        } else if (event instanceof DispatchMisfired misfire) {
            misfired.increment(misfire.occurrences());
        } else {
            decision(EventCatalog.of(event).name()).increment();
        }
    }

    private Counter decision(String name) {
        return decisions.computeIfAbsent(name, decided -> Counter.builder(DECIDED).tag("decision", decided)
                .description("Decisions from rules' options: skips, buffers, timeouts, retries, retries exhausted").register(registry));
    }

    void refused() {
        refused.increment();
    }

    public double dispatchedCount() {
        return dispatched.values().stream().mapToDouble(Counter::count).sum();
    }
}
