package dev.almanac.rules.materialisation;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.rules.rule.RuleStore;

/**
 * Carries out a pass: publishes every occurrence, waits for all acknowledgements, and only then
 * moves the rule's {@code materialised_until}. A crash in between leaves it where it was, so the
 * next pass publishes the same records again (same ids) rather than skipping any.
 */
@Component
public class Materialiser {

    private final EventPublisher publisher;
    private final RuleStore store;
    private final MaterialisationMetrics metrics;

    public Materialiser(EventPublisher publisher, RuleStore store, MaterialisationMetrics metrics) {
        this.publisher = publisher;
        this.store = store;
        this.metrics = metrics;
    }

    public Mono<MaterialisationResult> materialise(Materialisation pass, Trigger trigger) {
        int published = pass.publications().size();
        return Mono.defer(() -> Mono.fromFuture(publisher.publishAll(pass.publications())))
                // Sending may block while the producer's buffer is full; keep that off the MongoDB driver's threads.
                .subscribeOn(Schedulers.boundedElastic())
                .doOnSuccess(acknowledged -> metrics.published(trigger, published))
                .then(Mono.defer(() -> store.moveMaterialisedUntil(pass.ruleId(), pass.ruleVersion(), pass.materialisedUntil(), pass.coveredUntil())))
                .map(moved -> new MaterialisationResult(pass.ruleId(), published, pass.coveredUntil(), moved));
    }
}
