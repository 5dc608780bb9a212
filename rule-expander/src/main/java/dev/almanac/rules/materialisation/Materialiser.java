package dev.almanac.rules.materialisation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.rules.rule.RuleStore;

/**
 * Carries out a pass: publishes every occurrence, waits for all acknowledgements, and only then
 * moves the rule's {@code materialised_until}. A crash in between leaves it where it was, so the
 * next pass publishes the same records again (same ids) rather than skipping any.
 *
 * <p>It knows which rules have a pass under way in this process, so that the horizon timer does not
 * publish a rule's occurrences again while its first pass waits for Kafka (during a cold start, up to
 * thousands of duplicates a run). Another replica's passes it does not know: those duplicates stay
 * possible, and consumers drop them by id.
 */
@Component
public class Materialiser {

    private final EventPublisher publisher;
    private final RuleStore store;
    private final MaterialisationMetrics metrics;
    private final Map<RuleId, Integer> passesUnderWay = new ConcurrentHashMap<>();

    public Materialiser(EventPublisher publisher, RuleStore store, MaterialisationMetrics metrics) {
        this.publisher = publisher;
        this.store = store;
        this.metrics = metrics;
    }

    public Mono<MaterialisationResult> materialise(Materialisation pass, Trigger trigger) {
        int published = pass.publications().size();
        return underWay(pass.ruleId(), Mono.defer(() -> Mono.fromFuture(publisher.publishAll(pass.publications())))
                // Sending may block while the producer's buffer is full; keep that off the MongoDB driver's threads.
                .subscribeOn(Schedulers.boundedElastic())
                .doOnSuccess(acknowledged -> metrics.published(trigger, published))
                .then(Mono.defer(() -> store.moveMaterialisedUntil(pass.ruleId(), pass.ruleVersion(), pass.materialisedUntil(), pass.coveredUntil())))
                .map(moved -> new MaterialisationResult(pass.ruleId(), published, pass.coveredUntil(), moved)));
    }

    /**
     * {@code work} on {@code rule}, counted as a pass under way from its subscription to its end: a pass, or a pass
     * with what comes before it, such as storing a new rule, which makes the rule read as behind at once.
     */
    public <T> Mono<T> underWay(RuleId rule, Mono<T> work) {
        return work.doFirst(() -> passesUnderWay.merge(rule, 1, Integer::sum))
                .doFinally(signal -> passesUnderWay.computeIfPresent(rule, (ruleId, count) -> count == 1 ? null : count - 1));
    }

    /** Whether a pass of this rule has started in this process and not yet ended, however it ends. */
    public boolean hasPassUnderWay(RuleId rule) {
        return passesUnderWay.containsKey(rule);
    }
}
