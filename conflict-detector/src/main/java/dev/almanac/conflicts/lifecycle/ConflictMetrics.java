package dev.almanac.conflicts.lifecycle;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/** Counts the conflicts published and times the handling of each consumed record. */
@Component
public class ConflictMetrics {

    public static final String DETECTED = "almanac.conflicts.detected";
    public static final String CLEARED = "almanac.conflicts.cleared";
    public static final String HANDLING = "almanac.conflicts.record.handling";

    private final MeterRegistry registry;
    private final Counter detected;
    private final Counter cleared;

    public ConflictMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.detected = Counter.builder(DETECTED)
                .description("ConflictDetected events published, first detections and re-detections")
                .register(registry);
        this.cleared = Counter.builder(CLEARED)
                .description("ConflictCleared events published")
                .register(registry);
    }

    void published(List<ConflictChange> changes) {
        for (ConflictChange change : changes) {
            (change instanceof ConflictChange.Clearance ? cleared : detected).increment();
        }
    }

    public Timer.Sample startHandling() {
        return Timer.start(registry);
    }

    public void stopHandling(Timer.Sample sample, String topic) {
        sample.stop(Timer.builder(HANDLING)
                .description("Time to apply one consumed record, including the conflict events it caused")
                .tag("topic", topic)
                .register(registry));
    }
}
