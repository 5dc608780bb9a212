package dev.almanac.rules.materialisation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.events.occurrence.RetractionReason;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.rules.rule.RuleOrigin;
import dev.almanac.rules.rule.RuleStatus;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.rule.StoredRule;

/**
 * Withdraws what a pause or deletion cancelled: publishes an {@code OccurrenceRetracted} for every
 * materialised occurrence the rule event withdrew, page by page, waits for all acknowledgements,
 * and only then records the retraction as done. The occurrences are not stored; the expansion gives
 * them again, with the ids they were published with. A crash before the record means the event is
 * redelivered and the same retractions (same ids, same {@code ce_id}s) are published again; after
 * it, a redelivery publishes nothing.
 */
@Component
public class Retractor {

    private final EventPublisher publisher;
    private final RuleStore store;
    private final MaterialisationPlanner planner;
    private final MaterialisationMetrics metrics;
    private final Clock clock;

    public Retractor(EventPublisher publisher, RuleStore store, MaterialisationPlanner planner, MaterialisationMetrics metrics,
                     Clock clock) {
        this.publisher = publisher;
        this.store = store;
        this.planner = planner;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Retracts what the stored pause or deletion withdrew, with the envelope of {@code cause}.
     * Completes empty when the rule has no retraction pending.
     *
     * @return how many retractions were published and acknowledged
     */
    public Mono<Integer> retract(StoredRule rule, RuleOrigin cause) {
        if (!rule.retractionPending() || rule.status() == RuleStatus.ACTIVE) {
            return Mono.empty();
        }
        boolean deleted = rule.status() == RuleStatus.DELETED;
        Instant withdrawnFrom = deleted ? rule.deletedAt() : rule.pausedAt();
        @Nullable Instant withdrawnUntil = deleted ? null : rule.resumeAfter();
        RetractionReason reason = deleted ? RetractionReason.RULE_DELETED : RetractionReason.RULE_PAUSED;
        // A horizon pass that read the rule before the pause may still publish up to its now plus the
        // horizon; this bound covers it, since that pass read the clock before this one.
        Instant horizonNow = planner.horizonEnd(clock.instant());
        Instant until = rule.materialisedUntil().isAfter(horizonNow) ? rule.materialisedUntil() : horizonNow;
        // Moved occurrences stand outside the series' order, so no page meets them: they go first.
        List<Retraction> moved = planner.movedWithdrawn(rule, withdrawnFrom, withdrawnUntil, reason, cause);
        return publish(moved, reason)
                .then(page(rule, MaterialisationPlanner.firstRetractionPage(rule, withdrawnFrom), until, withdrawnFrom, withdrawnUntil,
                        reason, cause))
                .map(published -> published + moved.size())
                .flatMap(published -> store.retractionDone(rule.ruleId(), rule.version()).thenReturn(published));
    }

    private Mono<Void> publish(List<Retraction> retractions, RetractionReason reason) {
        if (retractions.isEmpty()) {
            return Mono.empty();
        }
        return Mono.fromFuture(() -> CompletableFuture.allOf(retractions.stream()
                        .map(retraction -> publisher.publish(retraction.metadata(), retraction.event()))
                        .toArray(CompletableFuture[]::new)))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.fromRunnable(() -> metrics.retracted(reason, retractions.size())));
    }

    private Mono<Integer> page(StoredRule rule, Instant from, Instant until, Instant withdrawnFrom, @Nullable Instant withdrawnUntil,
                               RetractionReason reason, RuleOrigin cause) {
        return Mono.defer(() -> {
            RetractionPage page = planner.retractionPage(rule, from, until, withdrawnFrom, withdrawnUntil, reason, cause);
            Mono<Integer> published = Mono.fromFuture(() -> CompletableFuture.allOf(page.retractions().stream()
                            .map(retraction -> publisher.publish(retraction.metadata(), retraction.event()))
                            .toArray(CompletableFuture[]::new)))
                    // Sending may block while the producer's buffer is full; keep that off the MongoDB driver's threads.
                    .subscribeOn(Schedulers.boundedElastic())
                    .then(Mono.fromRunnable(() -> metrics.retracted(reason, page.retractions().size())))
                    .thenReturn(page.retractions().size());
            if (!page.truncated()) {
                return published;
            }
            return published.flatMap(count -> page(rule, page.coveredUntil(), until, withdrawnFrom, withdrawnUntil, reason, cause)
                    .map(rest -> count + rest));
        });
    }
}
