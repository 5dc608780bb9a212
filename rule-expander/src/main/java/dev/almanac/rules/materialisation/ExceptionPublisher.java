package dev.almanac.rules.materialisation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.events.occurrence.RetractionReason;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.rules.rule.RuleOrigin;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.rule.StoredRule;

/**
 * Publishes what an exception to a rule's series or a missed-run decision leaves to publish (ADR
 * 0023), waits for every acknowledgement, and only then records the exception as done. As for a
 * pause's retractions, a crash before that record means the rule event is redelivered and the same
 * records (same ids, same {@code ce_id}s) are published again; after it, a redelivery publishes
 * nothing.
 */
@Component
public class ExceptionPublisher {

    private final EventPublisher publisher;
    private final RuleStore store;
    private final MaterialisationPlanner planner;
    private final ExceptionPlanner exceptions;
    private final MaterialisationMetrics metrics;
    private final Clock clock;

    public ExceptionPublisher(EventPublisher publisher, RuleStore store, MaterialisationPlanner planner, MaterialisationSettings settings,
                              MaterialisationMetrics metrics, Clock clock) {
        this.publisher = publisher;
        this.store = store;
        this.planner = planner;
        this.exceptions = new ExceptionPlanner(settings.maxOccurrencesPerPass());
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The moved occurrence, where it stands now. */
    public Mono<Integer> moved(StoredRule rule, RuleOccurrenceMoved moved, RuleOrigin cause) {
        return pending(rule, () -> send(exceptions.moved(rule, moved.recurrenceId(), cause), List.of(), null, Trigger.OCCURRENCE_MOVED));
    }

    /** The cancelled occurrence withdrawn, if it was published. */
    public Mono<Integer> cancelled(StoredRule rule, RuleOccurrenceCancelled cancelled, RuleOrigin cause) {
        return pending(rule, () -> send(List.of(), exceptions.withdrawn(rule, cancelled.recurrenceId(), null,
                RetractionReason.OCCURRENCE_CANCELLED, publishedUntil(rule), cause), RetractionReason.OCCURRENCE_CANCELLED, null));
    }

    /** A backfill run, the occurrence where it was rescheduled, or its withdrawal, as the operator decided. */
    public Mono<Integer> decided(StoredRule rule, RuleMissedRunDecided decided, RuleOrigin cause) {
        return pending(rule, () -> switch (decided.action()) {
            case APPROVE_BACKFILL_RUN -> decided.backfillId() == null || decided.newStart() == null ? Mono.just(0)
                    : send(exceptions.backfill(rule, decided.recurrenceId(), decided.backfillId(), decided.newStart(), cause), List.of(),
                    null, Trigger.BACKFILL);
            case RESCHEDULE -> send(exceptions.moved(rule, decided.recurrenceId(), cause), List.of(), null, Trigger.OCCURRENCE_MOVED);
            case DELETE_MISSED -> send(List.of(), exceptions.withdrawn(rule, decided.recurrenceId(), decided.scheduledStart(),
                    RetractionReason.MISSED_DELETED, publishedUntil(rule), cause), RetractionReason.MISSED_DELETED, null);
        });
    }

    /** Every occurrence the series had from its end on withdrawn, page by page. */
    public Mono<Integer> ended(StoredRule rule, RuleEnded ended, RuleOrigin cause) {
        return pending(rule, () -> endPage(rule, ended.endsAt(), ended.endsAt(), publishedUntil(rule), cause));
    }

    private Mono<Integer> endPage(StoredRule rule, Instant endsAt, Instant from, Instant until, RuleOrigin cause) {
        return Mono.defer(() -> {
            RetractionPage page = exceptions.endPage(rule, endsAt, from, until, cause);
            Mono<Integer> published = send(List.of(), page.retractions(), RetractionReason.RULE_ENDED, null);
            if (!page.truncated()) {
                return published;
            }
            return published.flatMap(count -> endPage(rule, endsAt, page.coveredUntil(), until, cause).map(rest -> count + rest));
        });
    }

    /**
     * How far the rule may have been published: its {@code materialised_until}, or further if a
     * horizon pass that read the rule before the exception is still under way (it read the clock
     * before this does).
     */
    private Instant publishedUntil(StoredRule rule) {
        Instant horizonNow = planner.horizonEnd(clock.instant());
        return rule.materialisedUntil().isAfter(horizonNow) ? rule.materialisedUntil() : horizonNow;
    }

    private Mono<Integer> pending(StoredRule rule, Supplier<Mono<Integer>> work) {
        if (!rule.exceptionPending()) {
            return Mono.empty();
        }
        return Mono.defer(work).flatMap(published -> store.exceptionDone(rule.ruleId(), rule.version()).thenReturn(published));
    }

    private Mono<Integer> send(List<Publication> publications, List<Retraction> retractions, @Nullable RetractionReason reason,
                               @Nullable Trigger trigger) {
        int records = publications.size() + retractions.size();
        if (records == 0) {
            return Mono.just(0);
        }
        return Mono.fromFuture(() -> CompletableFuture.allOf(Stream.concat(
                                retractions.stream().map(retraction -> publisher.publish(retraction.metadata(), retraction.event())),
                                publications.stream().map(publication -> publisher.publish(publication.metadata(), publication.event())))
                        .toArray(CompletableFuture[]::new)))
                // Sending may block while the producer's buffer is full; keep that off the MongoDB driver's threads.
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.fromRunnable(() -> {
                    if (reason != null) {
                        metrics.retracted(reason, retractions.size());
                    }
                    if (trigger != null) {
                        metrics.published(trigger, publications.size());
                    }
                }))
                .thenReturn(records);
    }
}
