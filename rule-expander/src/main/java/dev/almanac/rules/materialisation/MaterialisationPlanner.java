package dev.almanac.rules.materialisation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.occurrence.RetractionReason;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.recurrence.Expansion;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.Series;
import dev.almanac.recurrence.Tzdata;
import dev.almanac.rules.rule.RuleDefinition;
import dev.almanac.rules.rule.RuleOrigin;
import dev.almanac.rules.rule.RuleStatus;
import dev.almanac.rules.rule.StoredRule;

/**
 * Decides what one pass publishes for one rule: the window from where the rule is published to
 * (never before its {@code active_from}) up to the horizon, expanded by the shared engine and cut
 * at {@code maxOccurrencesPerPass}. It reads no clock and no store, so the same rule state and
 * instants always give the same plan. Passes expand the series as it stands ({@link Series}):
 * cancelled and moved occurrences are left out, and none resolves past the series' end; moved
 * occurrences are published on their own (when moved, resumed, or revised by an update).
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
        // Moved occurrences stand outside the series' order: those from the resume on come back with it.
        return plan(rule, resumedAt.plus(horizon).truncatedTo(ChronoUnit.MILLIS), eventTime)
                .map(pass -> pass.withFirst(startingFrom(rule, resumedAt, eventTime))
                        .with(movedFrom(rule, resumedAt, RuleOrigin.at(rule.origin(), eventTime))));
    }

    /**
     * The pass run as a pause ends by itself at its {@code resume_after}, before the rule reads as
     * active again: the standing occurrences that resolve before {@code resume_after} but start at
     * or after it by their jitter, and that no pass published before the pause (they resolve from
     * {@code materialised_until} on). A pause withdraws by start, so these run, as they do after a
     * resume; the horizon then goes on from {@code resume_after} by resolved instant, which would miss
     * them. Moves nothing; empty when there are none, as for a pause that ended inside what was published.
     */
    public Optional<Materialisation> forLapsedPause(StoredRule rule, Instant passTime) {
        Instant resumeAfter = rule.resumeAfter();
        if (rule.status() != RuleStatus.PAUSED || resumeAfter == null || !rule.materialisedUntil().isBefore(resumeAfter)) {
            return Optional.empty();
        }
        List<Publication> late = startingFrom(rule, resumeAfter, passTime).stream()
                .filter(publication -> !publication.event().resolvedAt().isBefore(rule.materialisedUntil()))
                .toList();
        return late.isEmpty() ? Optional.empty() : Optional.of(new Materialisation(rule.ruleId(), rule.version(),
                rule.materialisedUntil(), rule.materialisedUntil(), false, late));
    }

    /**
     * The standing occurrences that resolved before {@code from} but start at or after it by their
     * jitter. A pause withdraws by start, so a resume brings these back too, as an update publishes
     * by start: every run that starts while the rule is active runs.
     */
    private List<Publication> startingFrom(StoredRule rule, Instant from, Instant passTime) {
        RuleDefinition definition = rule.definition();
        Instant earliest = latest(from.minusSeconds(definition.jitterSeconds()), definition.activeFrom());
        if (!earliest.isBefore(from)) {
            return List.of();
        }
        String tzdataVersion = Tzdata.version(definition.timezone());
        return rule.series().expand(earliest, from, maxOccurrencesPerPass).occurrences().stream()
                .filter(occurrence -> !occurrence.start().isBefore(from))
                .map(occurrence -> publication(rule, occurrence, tzdataVersion, passTime))
                .toList();
    }

    /**
     * The rule's moved occurrences that start at or after {@code from} where the rule runs, each
     * where it was moved to, at the rule's version, with the envelope of {@code cause}.
     */
    public List<Publication> movedFrom(StoredRule rule, Instant from, RuleOrigin cause) {
        List<Publication> publications = new ArrayList<>();
        Series series = rule.series();
        for (Occurrence moved : series.moved()) {
            if (!moved.start().isBefore(from) && rule.runsAt(moved.start())) {
                publications.add(movedPublication(rule, rule.definition(), series, moved, cause));
            }
        }
        return publications;
    }

    /**
     * The withdrawals of the rule's moved occurrences that start in {@code [withdrawnFrom, withdrawnUntil)}
     * (no end when null): the part of a pause's or deletion's retraction that the series' pages do not meet.
     */
    public List<Retraction> movedWithdrawn(StoredRule rule, Instant withdrawnFrom, @Nullable Instant withdrawnUntil,
                                           RetractionReason reason, RuleOrigin cause) {
        List<Retraction> retractions = new ArrayList<>();
        for (Occurrence moved : rule.series().moved()) {
            if (!moved.start().isBefore(withdrawnFrom) && (withdrawnUntil == null || moved.start().isBefore(withdrawnUntil))) {
                OccurrenceRetracted event = OccurrenceEvents.retraction(rule.definition(), rule.version(), moved, reason);
                retractions.add(new Retraction(OccurrenceEvents.metadata(event, cause), event));
            }
        }
        return retractions;
    }

    /**
     * What an update changes about the moved occurrences that start from {@code changedFrom} on, under
     * either definition: a move whose recurrence the new definition no longer produces is retracted;
     * one it still produces is published again where it was moved, if anything about it changed.
     */
    public RevisionPage movedRevision(StoredRule rule, Instant changedFrom, RuleOrigin cause) {
        Series before = rule.replacedSeries();
        RuleDefinition replaced = rule.replaced();
        if (before == null || replaced == null) {
            return new RevisionPage(List.of(), List.of(), changedFrom, false);
        }
        Series after = rule.series();
        List<Retraction> retractions = new ArrayList<>();
        List<Publication> publications = new ArrayList<>();
        for (Instant recurrenceId : rule.exceptions().moved().keySet()) {
            if (!rule.exceptions().isMoved(recurrenceId)) {
                continue;
            }
            Optional<Occurrence> old = before.standing(recurrenceId);
            Optional<Occurrence> now = after.standing(recurrenceId);
            boolean changedHere = old.map(o -> !o.start().isBefore(changedFrom)).orElse(false)
                    || now.map(n -> !n.start().isBefore(changedFrom)).orElse(false);
            if (!changedHere) {
                continue;
            }
            if (now.isEmpty()) {
                OccurrenceRetracted event = OccurrenceEvents.retraction(replaced, rule.version(), old.orElseThrow(),
                        RetractionReason.RULE_UPDATED);
                retractions.add(new Retraction(OccurrenceEvents.metadata(event, cause), event));
                continue;
            }
            Publication publication = movedPublication(rule, rule.definition(), after, now.get(), cause);
            OccurrenceMaterialized previous = old.map(o -> OccurrenceEvents.moved(replaced, rule.version(), o,
                    before.occurrenceAt(recurrenceId).orElseThrow().start(), Tzdata.version(replaced.timezone()))).orElse(null);
            if (rule.runsAt(now.get().start()) && !publication.event().equals(previous)) {
                publications.add(publication);
            }
        }
        return new RevisionPage(retractions, publications, changedFrom, false);
    }

    /** A moved occurrence's record: where it was moved to, saying where the series had put it. */
    static Publication movedPublication(StoredRule rule, RuleDefinition definition, Series series, Occurrence moved, RuleOrigin cause) {
        Instant seriesStart = series.occurrenceAt(moved.resolvedInstant()).map(Occurrence::start).orElse(moved.start());
        OccurrenceMaterialized event = OccurrenceEvents.moved(definition, rule.version(), moved, seriesStart,
                Tzdata.version(definition.timezone()));
        return new Publication(OccurrenceEvents.metadata(event, cause, cause.time()), event);
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
        Expansion expansion = rule.series().expand(pageFrom, until, maxOccurrencesPerPass);
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
     * One page of what an update changes from {@code changedFrom} on: both definitions expanded over
     * {@code [pageFrom, until)} (each cut at the per-pass cap, the page ending where the shorter one
     * ends), their occurrences starting at or after {@code changedFrom} compared by occurrence id. An
     * old one the new definition does not produce is retracted; a new one is published unless the
     * old definition published exactly the same occurrence. Only occurrences resolving before
     * {@code publishUntil} (how far the rule is materialised) are published: the horizon publishes
     * the rest. Everything carries the rule's (updating) version; a replay gives the same records.
     */
    public RevisionPage revisionPage(StoredRule rule, Instant pageFrom, Instant until, Instant changedFrom, Instant publishUntil,
                                     RuleOrigin cause) {
        RuleDefinition replaced = rule.replaced();
        Series replacedSeries = rule.replacedSeries();
        RuleDefinition definition = rule.definition();
        if (replaced == null || replacedSeries == null || !pageFrom.isBefore(until)) {
            return new RevisionPage(List.of(), List.of(), until, false);
        }
        Expansion before = replacedSeries.expand(pageFrom, until, maxOccurrencesPerPass);
        Expansion after = rule.series().expand(pageFrom, until, maxOccurrencesPerPass);
        Instant coveredUntil = before.coveredUntil().isBefore(after.coveredUntil()) ? before.coveredUntil() : after.coveredUntil();
        String tzdataBefore = Tzdata.version(replaced.timezone());
        String tzdataAfter = Tzdata.version(definition.timezone());
        Map<OccurrenceId, OccurrenceMaterialized> previous = new HashMap<>();
        for (Occurrence occurrence : before.occurrences()) {
            if (occurrence.resolvedInstant().isBefore(coveredUntil) && !occurrence.start().isBefore(changedFrom)) {
                previous.put(occurrence.id(), OccurrenceEvents.event(replaced, rule.version(), occurrence, tzdataBefore));
            }
        }
        Set<OccurrenceId> produced = new HashSet<>();
        List<Publication> publications = new ArrayList<>();
        for (Occurrence occurrence : after.occurrences()) {
            if (!occurrence.resolvedInstant().isBefore(coveredUntil) || occurrence.start().isBefore(changedFrom)) {
                continue;
            }
            produced.add(occurrence.id());
            OccurrenceMaterialized event = OccurrenceEvents.event(definition, rule.version(), occurrence, tzdataAfter);
            if (occurrence.resolvedInstant().isBefore(publishUntil) && !event.equals(previous.get(occurrence.id()))) {
                publications.add(new Publication(OccurrenceEvents.metadata(event, rule.origin(), cause.time()), event));
            }
        }
        List<Retraction> retractions = before.occurrences().stream()
                .filter(occurrence -> previous.containsKey(occurrence.id()) && !produced.contains(occurrence.id()))
                .map(occurrence -> {
                    OccurrenceRetracted event = OccurrenceEvents.retraction(replaced, rule.version(), occurrence,
                            RetractionReason.RULE_UPDATED);
                    return new Retraction(OccurrenceEvents.metadata(event, cause), event);
                })
                .toList();
        return new RevisionPage(retractions, publications, coveredUntil, before.truncated() || after.truncated());
    }

    /**
     * Where an update's difference starts: at the update, or for a rule paused until
     * {@code resume_after}, at that instant (the pause already withdrew what lies before it); never
     * before {@code active_from}. Empty for a rule paused with no end or deleted: nothing of it is
     * published from the update on, and a resume materialises the new definition.
     */
    public static Optional<Instant> revisionStart(StoredRule rule) {
        Instant updatedAt = rule.updatedAt();
        if (updatedAt == null || rule.status() == RuleStatus.DELETED
                || rule.status() == RuleStatus.PAUSED && rule.resumeAfter() == null) {
            return Optional.empty();
        }
        Instant from = rule.status() == RuleStatus.PAUSED ? latest(updatedAt, rule.resumeAfter()) : updatedAt;
        return Optional.of(latest(from, rule.definition().activeFrom()));
    }

    /** Where an update's first page starts: early enough to meet an occurrence that resolved before the change but starts after it by its jitter. */
    public static Instant firstRevisionPage(StoredRule rule, Instant changedFrom) {
        int jitter = Math.max(rule.definition().jitterSeconds(), rule.replaced() == null ? 0 : rule.replaced().jitterSeconds());
        return latest(changedFrom.minusSeconds(jitter), rule.definition().activeFrom());
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
        Expansion expansion = rule.series().expand(from, until, maxOccurrencesPerPass);
        String tzdataVersion = Tzdata.version(definition.timezone());
        List<Publication> publications = expansion.occurrences().stream()
                .map(occurrence -> publication(rule, occurrence, tzdataVersion, passTime))
                .toList();
        return Optional.of(new Materialisation(rule.ruleId(), rule.version(), rule.materialisedUntil(),
                expansion.coveredUntil(), expansion.truncated(), publications));
    }

    private static Publication publication(StoredRule rule, Occurrence occurrence, String tzdataVersion, Instant passTime) {
        OccurrenceMaterialized event = OccurrenceEvents.event(rule.definition(), rule.version(), occurrence, tzdataVersion);
        return new Publication(OccurrenceEvents.metadata(event, rule.origin(), passTime), event);
    }

    private static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }
}
