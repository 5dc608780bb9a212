package dev.almanac.rules.intake;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.platform.testing.ConsumerContract;
import dev.almanac.rules.materialisation.ExceptionPublisher;
import dev.almanac.rules.materialisation.MaterialisationMetrics;
import dev.almanac.rules.materialisation.MaterialisationPlanner;
import dev.almanac.rules.materialisation.MaterialisationSettings;
import dev.almanac.rules.materialisation.Materialiser;
import dev.almanac.rules.materialisation.Retractor;
import dev.almanac.rules.materialisation.Reviser;
import dev.almanac.rules.rule.RuleStore;

/** The rules-topic intake as the listener drives it, for tests outside this package: every rule event through {@link RuleEvents}. */
public final class TestIntake {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final RuleEvents events;

    public TestIntake(RuleStore store, MaterialisationPlanner planner, Materialiser materialiser, EventPublisher publisher, Clock clock) {
        MaterialisationMetrics metrics = new MaterialisationMetrics(new SimpleMeterRegistry());
        MaterialisationSettings settings = new MaterialisationSettings(Duration.ofDays(90), Duration.ofMinutes(1), 5000, 500, TIMEOUT);
        this.events = new RuleEvents(new RuleCreatedHandler(store, planner, materialiser),
                new RuleLifecycleHandler(store, planner, materialiser, new Retractor(publisher, store, planner, metrics, clock),
                        new Reviser(publisher, store, planner, metrics, clock),
                        new ExceptionPublisher(publisher, store, planner, settings, metrics, clock)));
    }

    public void apply(EventMetadata envelope, RuleEvent event) {
        ConsumerContract.handled(event.accept(events, envelope)).block(TIMEOUT);
    }
}
