package dev.almanac.rules.intake;

import java.time.Instant;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.RuleEnabled;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.recurrence.InvalidScheduleException;
import dev.almanac.recurrence.SeriesExceptions;
import dev.almanac.rules.materialisation.ExceptionPublisher;
import dev.almanac.rules.materialisation.MaterialisationPlanner;
import dev.almanac.rules.materialisation.Materialiser;
import dev.almanac.rules.materialisation.Retractor;
import dev.almanac.rules.materialisation.Reviser;
import dev.almanac.rules.materialisation.Trigger;
import dev.almanac.rules.rule.RuleDefinition;
import dev.almanac.rules.rule.RuleOrigin;
import dev.almanac.rules.rule.RuleStatus;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.rule.StoredRule;

/**
 * Applies a rule's update, pause, resume or deletion to the stored rule, at most once per version,
 * then does what the stored state says is left to do: publish what an update changed, retract what
 * a pause or deletion withdrew, or publish the resumed rule's first pass. As for a creation, the work is decided from the stored
 * state, not from whether this delivery applied the event, so a redelivery finishes an interrupted
 * pass and otherwise publishes nothing.
 */
@Component
class RuleLifecycleHandler {

    private final RuleStore store;
    private final MaterialisationPlanner planner;
    private final Materialiser materialiser;
    private final Retractor retractor;
    private final Reviser reviser;
    private final ExceptionPublisher exceptions;

    RuleLifecycleHandler(RuleStore store, MaterialisationPlanner planner, Materialiser materialiser, Retractor retractor,
                         Reviser reviser, ExceptionPublisher exceptions) {
        this.store = store;
        this.planner = planner;
        this.materialiser = materialiser;
        this.retractor = retractor;
        this.reviser = reviser;
        this.exceptions = exceptions;
    }

    /**
     * Stores the new definition at this version, keeping the replaced one, then publishes the
     * difference. A rule this store does not hold is left absent; a new definition rule-expander
     * cannot expand is poison, like such a creation.
     */
    Mono<?> updated(EventMetadata envelope, RuleUpdated updated) {
        return Mono.defer(() -> store.find(updated.ruleId()))
                .flatMap(current -> {
                    RuleDefinition replacement = current.definition().updatedBy(updated);
                    try {
                        replacement.spec();
                    } catch (InvalidScheduleException | IllegalArgumentException e) {
                        return Mono.error(new PoisonMessageException("rule " + updated.ruleId() + " cannot be expanded after its update: "
                                + e.getMessage(), e));
                    }
                    return store.recordUpdate(current, envelope.aggregateVersion(), replacement, updated.updatedAt());
                })
                .then(Mono.defer(() -> store.find(updated.ruleId())))
                .filter(stored -> stored.version() == envelope.aggregateVersion())
                .flatMap(rule -> reviser.revise(rule, RuleOrigin.of(envelope)));
    }

    Mono<?> paused(EventMetadata envelope, RulePaused paused) {
        return store.recordPause(paused.ruleId(), envelope.aggregateVersion(), paused.pausedAt(), paused.resumeAfter())
                .then(atThisVersion(envelope, paused.ruleId(), RuleStatus.PAUSED))
                .flatMap(rule -> retractor.retract(rule, RuleOrigin.of(envelope)));
    }

    /** Stored and retracted as a pause without {@code resume_after}: only {@link #enabled} ends it. */
    Mono<?> disabled(EventMetadata envelope, RuleDisabled disabled) {
        return store.recordPause(disabled.ruleId(), envelope.aggregateVersion(), disabled.disabledAt(), null)
                .then(atThisVersion(envelope, disabled.ruleId(), RuleStatus.PAUSED))
                .flatMap(rule -> retractor.retract(rule, RuleOrigin.of(envelope)));
    }

    /** Stored and materialised as a resume at {@code enabledAt}. */
    Mono<?> enabled(EventMetadata envelope, RuleEnabled enabled) {
        return resume(envelope, enabled.ruleId(), enabled.enabledAt());
    }

    Mono<?> deleted(EventMetadata envelope, RuleDeleted deleted) {
        return store.recordDeletion(deleted.ruleId(), envelope.aggregateVersion(), deleted.deletedAt())
                .then(atThisVersion(envelope, deleted.ruleId(), RuleStatus.DELETED))
                .flatMap(rule -> retractor.retract(rule, RuleOrigin.of(envelope)));
    }

    Mono<?> resumed(EventMetadata envelope, RuleResumed resumed) {
        return resume(envelope, resumed.ruleId(), resumed.resumedAt());
    }

    /**
     * Stores the rule as active from {@code resumedAt} and publishes its pass. Under way from the store's write on: the
     * rule reads as behind from then, and the horizon timer leaves it to this pass.
     */
    private Mono<?> resume(EventMetadata envelope, RuleId ruleId, Instant resumedAt) {
        return materialiser.underWay(ruleId, store.recordResume(ruleId, envelope.aggregateVersion(), resumedAt)
                .then(atThisVersion(envelope, ruleId, RuleStatus.ACTIVE))
                .flatMap(rule -> Mono.justOrEmpty(planner.forResumedRule(rule, resumedAt, envelope.time())))
                .flatMap(pass -> materialiser.materialise(pass, Trigger.RULE_RESUMED)));
    }

    /** Publishes the moved occurrence where it stands now. */
    Mono<?> occurrenceMoved(EventMetadata envelope, RuleOccurrenceMoved moved) {
        return withExceptions(envelope, moved.ruleId(), current -> current.moving(moved.recurrenceId(), moved.start()))
                .flatMap(rule -> exceptions.moved(rule, moved, RuleOrigin.of(envelope)));
    }

    /** Withdraws the cancelled occurrence, if it was published; the series never publishes it again. */
    Mono<?> occurrenceCancelled(EventMetadata envelope, RuleOccurrenceCancelled cancelled) {
        return withExceptions(envelope, cancelled.ruleId(), current -> current.cancelling(cancelled.recurrenceId()))
                .flatMap(rule -> exceptions.cancelled(rule, cancelled, RuleOrigin.of(envelope)));
    }

    /** Withdraws every occurrence of the series from its end on; the rule that continues it publishes its own. */
    Mono<?> ended(EventMetadata envelope, RuleEnded ended) {
        return withExceptions(envelope, ended.ruleId(), current -> current.endingAt(ended.endsAt()))
                .flatMap(rule -> exceptions.ended(rule, ended, RuleOrigin.of(envelope)));
    }

    /** Publishes a backfill run, the rescheduled occurrence, or the deleted one's withdrawal. */
    Mono<?> missedRunDecided(EventMetadata envelope, RuleMissedRunDecided decided) {
        return withExceptions(envelope, decided.ruleId(), current -> decided.action() == MissedRunAction.RESCHEDULE && decided.newStart() != null
                        ? current.moving(decided.recurrenceId(), decided.newStart())
                        : decided.action() == MissedRunAction.DELETE_MISSED ? current.cancelling(decided.recurrenceId()) : current)
                .flatMap(rule -> exceptions.decided(rule, decided, RuleOrigin.of(envelope)));
    }

    /**
     * Stores the exceptions as this event leaves them, at most once, and answers the stored rule if
     * this event is the last one applied to it (a redelivery finishes the work it left pending).
     */
    private Mono<StoredRule> withExceptions(EventMetadata envelope, RuleId ruleId, UnaryOperator<SeriesExceptions> change) {
        return Mono.defer(() -> store.find(ruleId))
                .flatMap(current -> store.recordExceptions(current, envelope.aggregateVersion(), change.apply(current.exceptions())))
                .then(Mono.defer(() -> store.find(ruleId)))
                .filter(stored -> stored.version() == envelope.aggregateVersion());
    }

    /** The stored rule if this event is the last one applied to it; empty for an unknown rule or a newer version. */
    private Mono<StoredRule> atThisVersion(EventMetadata envelope, RuleId ruleId, RuleStatus status) {
        return Mono.defer(() -> store.find(ruleId))
                .filter(stored -> stored.version() == envelope.aggregateVersion() && stored.status() == status);
    }
}
