package dev.almanac.rules.materialisation;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.events.occurrence.RetractionReason;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.rules.rule.RuleOrigin;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.rule.StoredRule;

/**
 * Publishes what an update changed: page by page, the retractions of occurrences the new definition
 * no longer produces and the new or changed occurrences, waits for every acknowledgement, and only
 * then records the update as done. Like a retraction, a crash before that record means the update is
 * redelivered and the same records (same ids, same {@code ce_id}s) are published again; after it, a
 * redelivery publishes nothing.
 */
@Component
public class Reviser {

    private final EventPublisher publisher;
    private final RuleStore store;
    private final MaterialisationPlanner planner;
    private final MaterialisationMetrics metrics;
    private final Clock clock;

    public Reviser(EventPublisher publisher, RuleStore store, MaterialisationPlanner planner, MaterialisationMetrics metrics,
                   Clock clock) {
        this.publisher = publisher;
        this.store = store;
        this.planner = planner;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Publishes one page's records and waits for every acknowledgement. */
    private Mono<Integer> publish(RevisionPage page) {
        int records = page.retractions().size() + page.publications().size();
        if (records == 0) {
            return Mono.just(0);
        }
        return Mono.fromFuture(() -> CompletableFuture.allOf(Stream.concat(
                                page.retractions().stream().map(retraction -> publisher.publish(retraction.metadata(), retraction.event())),
                                page.publications().stream().map(publication -> publisher.publish(publication.metadata(), publication.event())))
                        .toArray(CompletableFuture[]::new)))
                // Sending may block while the producer's buffer is full; keep that off the MongoDB driver's threads.
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.fromRunnable(() -> {
                    metrics.retracted(RetractionReason.RULE_UPDATED, page.retractions().size());
                    metrics.published(Trigger.RULE_UPDATED, page.publications().size());
                }))
                .thenReturn(records);
    }

    /**
     * Publishes the stored update's difference with the envelope of {@code cause}. Completes empty when
     * the rule has no update pending.
     *
     * @return how many records (retractions and occurrences) were published and acknowledged
     */
    public Mono<Integer> revise(StoredRule rule, RuleOrigin cause) {
        if (!rule.updatePending()) {
            return Mono.empty();
        }
        return MaterialisationPlanner.revisionStart(rule)
                .map(changedFrom -> {
                    // As for a retraction: a horizon pass that read the old definition may have published up to its now plus the horizon.
                    Instant horizonNow = planner.horizonEnd(clock.instant());
                    Instant until = rule.materialisedUntil().isAfter(horizonNow) ? rule.materialisedUntil() : horizonNow;
                    // Moved occurrences stand outside the series' order, so no page meets them: they go first.
                    return publish(planner.movedRevision(rule, changedFrom, cause))
                            .flatMap(moved -> page(rule, MaterialisationPlanner.firstRevisionPage(rule, changedFrom), until, changedFrom,
                                    cause).map(rest -> moved + rest));
                })
                .orElseGet(() -> Mono.just(0))
                .flatMap(published -> store.updateDone(rule.ruleId(), rule.version()).thenReturn(published));
    }

    private Mono<Integer> page(StoredRule rule, Instant from, Instant until, Instant changedFrom, RuleOrigin cause) {
        return Mono.defer(() -> {
            RevisionPage page = planner.revisionPage(rule, from, until, changedFrom, rule.materialisedUntil(), cause);
            Mono<Integer> published = publish(page);
            if (!page.truncated()) {
                return published;
            }
            return published.flatMap(count -> page(rule, page.coveredUntil(), until, changedFrom, cause).map(rest -> count + rest));
        });
    }
}
