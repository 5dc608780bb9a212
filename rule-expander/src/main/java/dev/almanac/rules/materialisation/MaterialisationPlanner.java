package dev.almanac.rules.materialisation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.occurrence.RetractionReason;
import dev.almanac.recurrence.Expansion;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.Tzdata;
import dev.almanac.rules.rule.RuleDefinition;
import dev.almanac.rules.rule.RuleOrigin;
import dev.almanac.rules.rule.StoredRule;

/**
 * Decides what one pass publishes for one rule: the window from where the rule is published to
 * (never before its {@code active_from}) up to the horizon, expanded by the shared engine and cut
 * at {@code maxOccurrencesPerPass}. It reads no clock and no store, so the same rule state and
 * instants always give the same plan.
 */
public final class MaterialisationPlanner {

    private final Duration horizon;
    private final int maxOccurrencesPerPass;

    public MaterialisationPlanner(Duration horizon, int maxOccurrencesPerPass) {
        if (maxOccurrencesPerPass < 1) {
            throw new IllegalArgumentException("max occurrences per pass must be positive but was " + maxOccurrencesPerPass);
        }
        this.horizon = horizon;
        this.maxOccurrencesPerPass = maxOccurrencesPerPass;
    }

    /**
     * Where the horizon ends at {@code now}. Cut to milliseconds, the precision
     * {@code materialised_until} is stored with, so that a stored end continues exactly.
     */
    public Instant horizonEnd(Instant now) {
        return now.plus(horizon).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The pass run when a rule is created: up to {@code active_from} plus the horizon, stamped with
     * the creating event's time. It depends on the event alone, not on when it is handled, so a
     * replay publishes the same records. Empty when the stored state shows that window published.
     */
    public Optional<Materialisation> forCreatedRule(StoredRule rule) {
        return plan(rule, rule.definition().activeFrom().plus(horizon).truncatedTo(ChronoUnit.MILLIS), rule.origin().time());
    }

    /** The pass the horizon timer runs at {@code now}: up to now plus the horizon. Empty when the rule is already there. */
    public Optional<Materialisation> forHorizonAdvance(StoredRule rule, Instant now) {
        return plan(rule, horizonEnd(now), now);
    }

    /**
     * The pass run when a rule is resumed at {@code resumedAt}: from there (where the resume put
     * {@code materialised_until}) up to {@code resumedAt} plus the horizon, stamped with the resuming
     * event's time. Like the first pass it depends on the event alone, and the occurrences carry the
     * ids the expansion always gives them, at the resuming rule version.
     */
    public Optional<Materialisation> forResumedRule(StoredRule rule, Instant resumedAt, Instant eventTime) {
        return plan(rule, resumedAt.plus(horizon).truncatedTo(ChronoUnit.MILLIS), eventTime);
    }

    /**
     * One page of what a pause or deletion withdraws: the occurrences resolving in
     * {@code [pageFrom, until)} that start at or after {@code withdrawnFrom} and, for a pause with a
     * {@code resume_after}, before {@code withdrawnUntil}; an occurrence after that comes back by
     * itself, so it stays. Each is retracted at the rule's (pausing or deleting) version, with the
     * envelope of the rule event that caused it.
     */
    public RetractionPage retractionPage(StoredRule rule, Instant pageFrom, Instant until, Instant withdrawnFrom,
                                         @Nullable Instant withdrawnUntil, RetractionReason reason, RuleOrigin cause) {
        RuleDefinition definition = rule.definition();
        if (!pageFrom.isBefore(until)) {
            return new RetractionPage(List.of(), until, false);
        }
        Expansion expansion = RecurrenceExpander.expand(definition.spec(), pageFrom, until, maxOccurrencesPerPass);
        List<Retraction> retractions = expansion.occurrences().stream()
                .filter(occurrence -> !occurrence.start().isBefore(withdrawnFrom)
                        && (withdrawnUntil == null || occurrence.start().isBefore(withdrawnUntil)))
                .map(occurrence -> {
                    OccurrenceRetracted event = OccurrenceEvents.retraction(definition, rule.version(), occurrence, reason);
                    return new Retraction(OccurrenceEvents.metadata(event, cause), event);
                })
                .toList();
        return new RetractionPage(retractions, expansion.coveredUntil(), expansion.truncated());
    }

    /**
     * Where the first retraction page starts for occurrences withdrawn from {@code withdrawnFrom}:
     * early enough to meet an occurrence that resolved before it but starts after it by its jitter.
     */
    public static Instant firstRetractionPage(StoredRule rule, Instant withdrawnFrom) {
        return latest(withdrawnFrom.minusSeconds(rule.definition().jitterSeconds()), rule.definition().activeFrom());
    }

    private Optional<Materialisation> plan(StoredRule rule, Instant until, Instant passTime) {
        RuleDefinition definition = rule.definition();
        // materialised_until starts at active_from, but a stored date keeps only milliseconds.
        Instant from = latest(rule.materialisedUntil(), definition.activeFrom());
        if (!from.isBefore(until)) {
            return Optional.empty();
        }
        Expansion expansion = RecurrenceExpander.expand(definition.spec(), from, until, maxOccurrencesPerPass);
        String tzdataVersion = Tzdata.version(definition.timezone());
        List<Publication> publications = expansion.occurrences().stream()
                .map(occurrence -> {
                    OccurrenceMaterialized event = OccurrenceEvents.event(definition, rule.version(), occurrence, tzdataVersion);
                    return new Publication(OccurrenceEvents.metadata(event, rule.origin(), passTime), event);
                })
                .toList();
        return Optional.of(new Materialisation(rule.ruleId(), rule.version(), rule.materialisedUntil(),
                expansion.coveredUntil(), expansion.truncated(), publications));
    }

    private static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }
}
