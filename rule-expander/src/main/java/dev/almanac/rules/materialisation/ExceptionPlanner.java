package dev.almanac.rules.materialisation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.occurrence.RetractionReason;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.recurrence.Expansion;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.Series;
import dev.almanac.recurrence.SeriesExceptions;
import dev.almanac.recurrence.Tzdata;
import dev.almanac.rules.rule.RuleDefinition;
import dev.almanac.rules.rule.RuleOrigin;
import dev.almanac.rules.rule.StoredRule;

/**
 * Decides what an exception to a rule's series, or a decision on a missed run, publishes (ADR 0023).
 * Every record is at the rule's version (the exception's), with the envelope of the rule event that
 * caused it, so a replay gives the same records with the same {@code ce_id}s. Like the
 * {@link MaterialisationPlanner} it reads no clock and no store: {@code horizonNow} is passed in.
 */
public final class ExceptionPlanner {

    private final int maxOccurrencesPerPass;

    public ExceptionPlanner(int maxOccurrencesPerPass) {
        this.maxOccurrencesPerPass = maxOccurrencesPerPass;
    }

    /**
     * A moved occurrence, where it stands now, if the rule runs there: it supersedes whatever was
     * published of it before (the same id, a newer rule version), whatever the horizon.
     */
    public List<Publication> moved(StoredRule rule, Instant recurrenceId, RuleOrigin cause) {
        Series series = rule.series();
        return series.standing(recurrenceId)
                .filter(moved -> rule.exceptions().isMoved(recurrenceId) && rule.runsAt(moved.start()))
                .map(moved -> List.of(MaterialisationPlanner.movedPublication(rule, rule.definition(), series, moved, cause)))
                .orElse(List.of());
    }

    /**
     * The withdrawal of one occurrence (cancelled, or deleted once missed), with the interval it
     * held: where it was moved to, {@code heldFrom} when the event says, or where the series put
     * it. Only if it may have been published: it was moved (moves are published at once), or it
     * resolves before {@code publishedUntil}, the later of {@code materialised_until} and a horizon
     * pass that read the rule before the exception; withdrawing what was never published would
     * only leave a record of nothing.
     */
    public List<Retraction> withdrawn(StoredRule rule, Instant recurrenceId, @Nullable Instant heldFrom, RetractionReason reason,
                                      Instant publishedUntil, RuleOrigin cause) {
        Optional<Occurrence> inSeries = rule.series().occurrenceAt(recurrenceId);
        if (inSeries.isEmpty()) {
            return List.of();
        }
        Instant movedTo = rule.exceptions().moved().get(recurrenceId);
        if (movedTo == null && !recurrenceId.isBefore(publishedUntil)) {
            return List.of();
        }
        Instant held = heldFrom != null ? heldFrom : movedTo;
        Occurrence occurrence = held == null ? inSeries.get() : inSeries.get().movedTo(held);
        OccurrenceRetracted event = OccurrenceEvents.retraction(rule.definition(), rule.version(), occurrence, reason);
        return List.of(new Retraction(OccurrenceEvents.metadata(event, cause), event));
    }

    /**
     * The backfill run an operator approved for the missed occurrence of {@code recurrenceId}:
     * {@code runId}, starting at {@code start}, if the rule runs then.
     */
    public List<Publication> backfill(StoredRule rule, Instant recurrenceId, OccurrenceId runId, Instant start, RuleOrigin cause) {
        if (!rule.runsAt(start)) {
            return List.of();
        }
        RuleDefinition definition = rule.definition();
        return rule.series().occurrenceAt(recurrenceId)
                .map(missed -> {
                    OccurrenceMaterialized event = OccurrenceEvents.backfill(definition, rule.version(), missed, runId, start,
                            Tzdata.version(definition.timezone()));
                    return List.of(new Publication(OccurrenceEvents.metadata(event, cause, cause.time()), event));
                })
                .orElse(List.of());
    }

    /**
     * One page of what the end of a series withdraws: the occurrences the series had, as it stood
     * before its end, resolving in {@code [pageFrom, until)} and at or after {@code endsAt}; the first
     * page also withdraws the moved occurrences whose recurrence lies past the end. Reason
     * {@code rule_ended}.
     */
    public RetractionPage endPage(StoredRule rule, Instant endsAt, Instant pageFrom, Instant until, RuleOrigin cause) {
        SeriesExceptions exceptions = rule.exceptions();
        Series before = new Series(rule.definition().spec(), new SeriesExceptions(exceptions.cancelled(), exceptions.moved(), null));
        List<Retraction> retractions = new ArrayList<>();
        if (pageFrom.equals(endsAt)) {
            for (Occurrence moved : before.moved()) {
                if (!moved.resolvedInstant().isBefore(endsAt)) {
                    retractions.add(retraction(rule, moved, cause));
                }
            }
        }
        if (!pageFrom.isBefore(until)) {
            return new RetractionPage(retractions, until, false);
        }
        Expansion expansion = before.expand(pageFrom, until, maxOccurrencesPerPass);
        expansion.occurrences().forEach(occurrence -> retractions.add(retraction(rule, occurrence, cause)));
        return new RetractionPage(retractions, expansion.coveredUntil(), expansion.truncated());
    }

    private static Retraction retraction(StoredRule rule, Occurrence occurrence, RuleOrigin cause) {
        OccurrenceRetracted event = OccurrenceEvents.retraction(rule.definition(), rule.version(), occurrence, RetractionReason.RULE_ENDED);
        return new Retraction(OccurrenceEvents.metadata(event, cause), event);
    }
}
