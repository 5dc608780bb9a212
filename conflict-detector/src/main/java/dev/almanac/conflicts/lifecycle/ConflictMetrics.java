package dev.almanac.conflicts.lifecycle;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import dev.almanac.events.Topics;
import dev.almanac.events.conflict.ConflictStatus;

/**
 * Counts the conflicts published and the records consumed, and times the handling of each
 * record. Every meter is registered when the service starts, so a scrape shows it at zero
 * before the first record arrives.
 */
@Component
public class ConflictMetrics {

    public static final String DETECTED = "almanac.conflicts.detected";
    public static final String CLEARED = "almanac.conflicts.cleared";
    public static final String TRANSITIONS = "almanac.conflicts.transitions";
    public static final String HANDLING = "almanac.conflicts.record.handling";
    public static final String RECORDS = "almanac.conflicts.records";
    /**
     * The topics conflict-detector consumes; their meters exist from the start. Rule occurrences it computes from the rules
     * topic (ADR 0069); of rule-expander's records it reads only the copies of those it cannot compute (ADR 0072).
     */
    public static final List<String> CONSUMED = List.of(Topics.CALENDARS, Topics.SCHEDULE, Topics.MISSED_RUNS);

    private final MeterRegistry registry;
    private final Counter detected;
    private final Counter cleared;
    private final Map<ConflictStatus, Counter> transitions = new EnumMap<>(ConflictStatus.class);
    private final Map<String, Timer> handling = new ConcurrentHashMap<>();
    private final Map<String, Counter> handled = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();

    public ConflictMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.detected = Counter.builder(DETECTED)
                .description("ConflictDetected events published, first detections and re-detections")
                .register(registry);
        this.cleared = Counter.builder(CLEARED)
                .description("ConflictCleared events published")
                .register(registry);
        for (ConflictStatus status : List.of(ConflictStatus.RESOLVED, ConflictStatus.ESCALATED, ConflictStatus.DISMISSED)) {
            transitions.put(status, Counter.builder(TRANSITIONS)
                    .description("Lifecycle transitions published, by the status they lead to")
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        CONSUMED.forEach(topic -> {
            timer(topic);
            handledCounter(topic);
            deadLetteredCounter(topic);
        });
    }

    /** Registers the meters of one more consumed topic, so that a scrape shows them at zero too. */
    public void track(String topic) {
        timer(topic);
        handledCounter(topic);
        deadLetteredCounter(topic);
    }

    public void published(List<ConflictChange> changes) {
        for (ConflictChange change : changes) {
            if (change instanceof ConflictChange.Transition transition) {
                transitions.get(transition.status()).increment();
            } else {
                (change instanceof ConflictChange.Clearance ? cleared : detected).increment();
            }
        }
    }

    public Timer.Sample startHandling() {
        return Timer.start(registry);
    }

    public void stopHandling(Timer.Sample sample, String topic) {
        sample.stop(timer(topic));
    }

    /** A record was applied, or found to be a duplicate or out of date. */
    public void handled(String topic) {
        handledCounter(topic).increment();
    }

    public void deadLettered(String topic) {
        deadLetteredCounter(topic).increment();
    }

    private Timer timer(String topic) {
        return handling.computeIfAbsent(topic, name -> Timer.builder(HANDLING)
                .description("Time to apply one consumed record, including the conflict events it caused")
                .tag("topic", name)
                .register(registry));
    }

    private Counter handledCounter(String topic) {
        return handled.computeIfAbsent(topic, name -> records(name, "handled"));
    }

    private Counter deadLetteredCounter(String topic) {
        return deadLettered.computeIfAbsent(topic, name -> records(name, "dead_lettered"));
    }

    private Counter records(String topic, String outcome) {
        return Counter.builder(RECORDS)
                .description("Records consumed, by topic and outcome")
                .tag("topic", topic)
                .tag("outcome", outcome)
                .register(registry);
    }
}
