package dev.almanac.rules.materialisation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.recurrence.Expansion;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.Tzdata;
import dev.almanac.rules.rule.RuleDefinition;
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
