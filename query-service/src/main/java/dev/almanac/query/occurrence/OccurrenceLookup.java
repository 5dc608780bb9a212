package dev.almanac.query.occurrence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.events.Identifiers;
import dev.almanac.events.occurrence.RetractionReason;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.query.entry.Entry;
import dev.almanac.query.rule.Rule;
import dev.almanac.query.rule.RuleHistory;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.run.MissedRun;
import dev.almanac.query.run.Runs;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineDefinition;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

/**
 * A rule occurrence by id, as {@code GET /schedules/{id}} answers it, computed from its rule's timeline (ADR 0068): where
 * it stands, or, once its rule withdrew it, what it was with status cancelled and why. An occurrence id is derived from its
 * rule and resolved instant and cannot be read back, so the lookup first finds which rule and instant give the id:
 * <ol>
 * <li>an occurrence a read of this process listed recently ({@link RuleTimelines#shown});</li>
 * <li>one found missed ({@code missed_runs} names its rule and start);</li>
 * <li>one moved or cancelled (every rule's exceptions name their recurrences);</li>
 * <li>else every rule's occurrences resolving from {@code almanac.query.occurrence-lookup.back} before now to
 * {@code almanac.query.occurrence-lookup.ahead} after it (rule-expander's horizon, so every id it published is found),
 * each id derived and compared: the next 14 days first, the rest after.</li>
 * </ol>
 * An id none of these give is answered 404, as an id no entry has. The last step costs about one derived id per
 * occurrence in that span (at seed scale, 10,000 rules, about 88,000 a day), and a 404 the whole span. So an id it
 * did not find is not searched for again for a minute while the rules stay as they were: a client polling for an
 * item not yet projected (an item created with an Idempotency-Key has a derived id too), or asking on purpose, costs
 * one search a minute, not one a request. {@code almanac.query.occurrence_lookup.searches} counts the full searches.
 */
@Component
public class OccurrenceLookup implements MeterBinder {

    private static final int PAGE = 100_000;
    /** How far ahead the first pass over every rule looks. */
    private static final Duration NEAR = Duration.ofDays(14);
    /** How long an id the full search did not find is answered 404 without searching, while the rules are unchanged. */
    static final Duration MISS_KEPT = Duration.ofMinutes(1);
    /** The most misses remembered; past it they are forgotten at once, which costs searches, not answers. */
    private static final int MAX_MISSES = 10_000;

    private final RuleTimelines timelines;
    private final Rules rules;
    private final Runs runs;
    private final Clock clock;
    private final Duration back;
    private final Duration ahead;
    private final Map<String, Miss> misses = new ConcurrentHashMap<>();
    private final LongAdder searches = new LongAdder();

    /** A full search that found no rule for an id: against which rules, and when. */
    private record Miss(String revision, Instant at) {
    }

    public OccurrenceLookup(RuleTimelines timelines, Rules rules, Runs runs, ObjectProvider<Clock> clock,
                            @Value("${almanac.query.occurrence-lookup.back:7d}") Duration back,
                            @Value("${almanac.query.occurrence-lookup.ahead:90d}") Duration ahead) {
        this.timelines = timelines;
        this.rules = rules;
        this.runs = runs;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.back = back;
        this.ahead = ahead;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("almanac.query.occurrence_lookup.searches", searches, LongAdder::sum)
                .description("Searches of every rule's occurrences for an id that no listing, missed run or exception named")
                .register(registry);
    }

    /** The full searches made so far. */
    public long searches() {
        return searches.sum();
    }

    /** The rule occurrence with this id as an entry: scheduled where it stands, or cancelled with why; empty if no rule gives it. */
    public Mono<Entry> find(String id) {
        if (!Identifiers.isDerived(id)) {
            // An item's id, or one asked for before its item is projected: no rule can give it, and looking would
            // expand every rule over the whole span each time a client polls for it.
            return Mono.empty();
        }
        return Mono.zip(timelines.snapshot(), runs.missed(id).map(Optional::of).defaultIfEmpty(Optional.empty())).flatMap(read -> {
            RuleTimelines.Snapshot snapshot = read.getT1();
            MissedRun missed = read.getT2().orElse(null);
            return Mono.fromCallable(() -> Optional.ofNullable(locate(snapshot, id, missed)))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(found -> found.map(located -> entry(snapshot, id, located)).orElse(Mono.empty()));
        });
    }

    /** Which rule and resolved instant give the id, as the steps above find it; null if none does. */
    private @Nullable Located locate(RuleTimelines.Snapshot snapshot, String id, @Nullable MissedRun missed) {
        Located shown = timelines.shown(id);
        if (shown != null) {
            return shown;
        }
        if (missed != null && missed.start() != null) {
            Located found = search(snapshot, List.of(missed.ruleId()), id, missed.start().minus(Duration.ofDays(1)),
                    missed.start().plus(Duration.ofDays(1)));
            if (found != null) {
                return found;
            }
        }
        for (String ruleId : snapshot.ruleIdsWithOccurrences()) {
            Rule rule = snapshot.rule(ruleId);
            if (rule == null) {
                continue;
            }
            List<Instant> recurrences = new ArrayList<>(rule.exceptions().moved().keySet());
            recurrences.addAll(rule.exceptions().cancelled());
            for (Instant recurrence : recurrences) {
                if (OccurrenceId.of(RuleId.of(ruleId), recurrence).value().equals(id)) {
                    return new Located(ruleId, recurrence);
                }
            }
        }
        Instant now = clock.instant();
        Miss miss = misses.get(id);
        if (miss != null && miss.revision().equals(snapshot.revision()) && !now.isBefore(miss.at())
                && now.isBefore(miss.at().plus(MISS_KEPT))) {
            return null;
        }
        searches.increment();
        // Near now first, where most ids asked for lie; the rest of the horizon only for an id not found there.
        Instant near = now.plus(ahead.compareTo(NEAR) < 0 ? ahead : NEAR);
        Located found = search(snapshot, snapshot.ruleIdsWithOccurrences(), id, now.minus(back), near);
        if (found == null) {
            found = search(snapshot, snapshot.ruleIdsWithOccurrences(), id, near, now.plus(ahead));
        }
        if (found == null && !RuleTimelines.INCOMPLETE.equals(snapshot.revision())) {
            if (misses.size() >= MAX_MISSES) {
                misses.clear();
            }
            misses.put(id, new Miss(snapshot.revision(), now));
        } else {
            misses.remove(id);
        }
        return found;
    }

    /** The rule of {@code ruleIds} and the resolved instant in {@code [from, till)} whose occurrence has the id; null if none. */
    private static @Nullable Located search(RuleTimelines.Snapshot snapshot, List<String> ruleIds, String id, Instant from, Instant till) {
        for (String ruleId : ruleIds) {
            RuleTimeline timeline = snapshot.timeline(ruleId);
            if (timeline == null) {
                continue;
            }
            for (TimelineDefinition definition : timeline.definitions()) {
                Instant cursor = from;
                while (cursor.isBefore(till)) {
                    var page = RecurrenceExpander.expand(definition.spec(), cursor, till, PAGE);
                    for (Occurrence occurrence : page.occurrences()) {
                        if (occurrence.id().value().equals(id)) {
                            return new Located(ruleId, occurrence.resolvedInstant());
                        }
                    }
                    if (!page.truncated()) {
                        break;
                    }
                    cursor = page.coveredUntil();
                }
            }
        }
        return null;
    }

    /**
     * The occurrence as an entry: where the rule's timeline has it now; else, if it stood once, as it stood before the event
     * that withdrew it last, cancelled with that event's reason and version. Empty if it never stood.
     */
    private Mono<Entry> entry(RuleTimelines.Snapshot snapshot, String id, Located located) {
        RuleTimeline timeline = snapshot.timeline(located.ruleId());
        if (timeline == null) {
            return Mono.empty();
        }
        Rule held = snapshot.rule(located.ruleId());
        Instant moved = held == null ? null : held.exceptions().moved().get(located.resolved());
        List<Instant> moves = moved == null ? List.of() : List.of(millis(moved));
        TimelineOccurrence standing = standing(timeline, id, located.resolved(), moves);
        if (standing != null) {
            return Mono.just(entryOf(standing));
        }
        return rules.find(located.ruleId()).flatMap(rule -> Mono.justOrEmpty(withdrawn(rule, id, located.resolved())));
    }

    /** Folds the rule's history event by event and answers the occurrence as the last event that withdrew it left it. */
    private static Optional<Entry> withdrawn(Rule rule, String id, Instant resolved) {
        List<RuleHistory.Recorded> events = rule.history().events();
        List<Instant> moves = new ArrayList<>();
        RuleTimeline timeline = null;
        TimelineOccurrence lastStanding = null;
        Entry withdrawn = null;
        for (int index = 0; index < events.size(); index++) {
            RuleHistory prefix = new RuleHistory(events.subList(0, index + 1));
            RuleEvent event = prefix.lastEvent();
            movedTo(event, resolved).ifPresent(moves::add);
            timeline = prefix.fold(rule.id(), timeline);
            if (timeline == null) {
                continue;
            }
            TimelineOccurrence standing = standing(timeline, id, resolved, moves);
            if (standing != null) {
                lastStanding = standing;
                withdrawn = null;
            } else if (lastStanding != null && withdrawn == null) {
                withdrawn = entryOf(lastStanding).withdrawn(reason(event), events.get(index).version());
            }
        }
        return Optional.ofNullable(withdrawn);
    }

    /** Where a move puts the recurrence {@code resolved}, if the event is one. */
    private static Optional<Instant> movedTo(RuleEvent event, Instant resolved) {
        if (event instanceof RuleOccurrenceMoved moved && millis(moved.recurrenceId()).equals(resolved)) {
            return Optional.of(millis(moved.start()));
        }
        if (event instanceof RuleMissedRunDecided decided && decided.action() == MissedRunAction.RESCHEDULE
                && millis(decided.recurrenceId()).equals(resolved) && decided.newStart() != null) {
            return Optional.of(millis(decided.newStart()));
        }
        return Optional.empty();
    }

    /** Why rule-expander withdraws an occurrence after this event, as its retraction says. */
    private static String reason(RuleEvent event) {
        RetractionReason reason;
        if (event instanceof RulePaused || event instanceof RuleDisabled) {
            reason = RetractionReason.RULE_PAUSED;
        } else if (event instanceof RuleDeleted) {
            reason = RetractionReason.RULE_DELETED;
        } else if (event instanceof RuleOccurrenceCancelled) {
            reason = RetractionReason.OCCURRENCE_CANCELLED;
        } else if (event instanceof RuleEnded) {
            reason = RetractionReason.RULE_ENDED;
        } else if (event instanceof RuleMissedRunDecided decided && decided.action() == MissedRunAction.DELETE_MISSED) {
            reason = RetractionReason.MISSED_DELETED;
        } else if (event instanceof RuleUpdated) {
            reason = RetractionReason.RULE_UPDATED;
        } else {
            reason = RetractionReason.RULE_UPDATED;
        }
        return reason.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The occurrence with the id where the timeline has it: in its series (it starts up to the largest jitter after its
     * resolved instant) or where a move put it. Null if the timeline does not have it.
     */
    private static @Nullable TimelineOccurrence standing(RuleTimeline timeline, String id, Instant resolved, List<Instant> moves) {
        long jitter = 0;
        for (TimelineDefinition definition : timeline.definitions()) {
            jitter = Math.max(jitter, definition.jitterSeconds());
        }
        List<Instant> starts = new ArrayList<>(moves);
        starts.add(0, resolved);
        for (int index = 0; index < starts.size(); index++) {
            Instant from = starts.get(index);
            Instant till = index == 0 ? resolved.plusSeconds(jitter + 1) : from.plusMillis(1);
            for (TimelineOccurrence occurrence : timeline.startingIn(from, till)) {
                if (occurrence.backfillOf() == null && occurrence.id().value().equals(id)) {
                    return occurrence;
                }
            }
        }
        return null;
    }

    /** As the timeline keeps an event's instants: to the millisecond, as rule-expander stores them. */
    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static Entry entryOf(TimelineOccurrence occurrence) {
        return Entry.materialized(null, occurrence.toMaterialized(), occurrence.definition().version());
    }

    /** A rule and the resolved instant of one of its occurrences. */
    record Located(String ruleId, Instant resolved) {
    }
}
