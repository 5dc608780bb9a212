package dev.almanac.rules.missed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.rule.CatchupPolicy;
import dev.almanac.events.rule.Heartbeat;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.recurrence.Expansion;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.Series;
import dev.almanac.recurrence.Tzdata;
import dev.almanac.rules.materialisation.OccurrenceEvents;
import dev.almanac.rules.rule.MissedCheck;
import dev.almanac.rules.rule.RuleDefinition;
import dev.almanac.rules.rule.RuleOrigin;
import dev.almanac.rules.rule.RuleStatus;
import dev.almanac.rules.rule.StoredRule;

/**
 * Decides one rule's missed-run check at {@code now} (ADR 0023). It reads no clock and no store:
 * {@link #candidates} names the occurrences due, and {@link #decide} turns those without a run
 * report into {@code OccurrenceMissed} records, the catch-up runs the rule's policy asks for, and
 * the state the check leaves.
 *
 * <p>An occurrence is due once its start plus the grace period has passed (a heartbeat's own grace for its beats, which
 * are missed with the reason {@code no_heartbeat}; ADR 0073). The standing series is
 * checked in order of recurrence id, up to the instant beyond which a jitter could still put a start
 * inside the grace period, and never beyond what was published ({@code materialised_until});
 * a moved occurrence is checked where it was moved to, once per start. An occurrence in a window
 * when the rule ran nothing (a pause, a disable, a deletion) was not due.
 */
public final class MissedRunPlanner {

    /** Where a deleted rule's check goes once it has passed the deletion: it is never due again. */
    static final Instant CHECK_DONE = Instant.parse("9999-12-31T00:00:00Z");

    private final Duration grace;
    private final Duration catchUpWindow;
    private final int maxCatchUpRuns;
    private final int maxOccurrencesPerPass;

    public MissedRunPlanner(MissedRunSettings settings, int maxOccurrencesPerPass) {
        this.grace = settings.grace();
        this.catchUpWindow = settings.catchUpWindow();
        this.maxCatchUpRuns = settings.maxCatchUpRuns();
        this.maxOccurrencesPerPass = maxOccurrencesPerPass;
    }

    /** The occurrences of {@code rule} a check at {@code now} looks at, and where its watermark moves. */
    public CheckPage candidates(StoredRule rule, Instant now) {
        MissedCheck check = rule.missedCheck();
        Instant due = now.minus(graceOf(rule.definition()));
        // Due once start plus grace is not after now; a millisecond past it, the precision of the stored watermark.
        Instant limit = due.minusSeconds(rule.definition().jitterSeconds()).plusMillis(1);
        if (rule.materialisedUntil().isBefore(limit)) {
            limit = rule.materialisedUntil();
        }
        Series series = rule.series();
        List<Occurrence> standing = new ArrayList<>();
        Instant next = check.checkedUntil();
        boolean truncated = false;
        if (check.checkedUntil().isBefore(limit)) {
            Expansion expansion = series.expand(check.checkedUntil(), limit, maxOccurrencesPerPass);
            for (Occurrence occurrence : expansion.occurrences()) {
                if (!check.withdrawn(occurrence.start())) {
                    standing.add(occurrence);
                }
            }
            next = expansion.coveredUntil();
            truncated = expansion.truncated();
        }
        List<Occurrence> moved = new ArrayList<>();
        for (Occurrence occurrence : series.moved()) {
            boolean checkedThere = occurrence.start().equals(check.checkedMoves().get(occurrence.resolvedInstant()));
            if (!occurrence.start().isAfter(due) && !checkedThere && !check.withdrawn(occurrence.start())) {
                moved.add(occurrence);
            }
        }
        if (rule.status() == RuleStatus.DELETED && rule.deletedAt() != null && !next.isBefore(rule.deletedAt()) && moved.isEmpty()) {
            // Nothing of a deleted rule is due after its deletion: its check is over for good.
            next = CHECK_DONE;
        }
        return new CheckPage(standing, moved, next, truncated);
    }

    /**
     * What the check publishes and leaves, given which candidates had a run reported: each one
     * without is missed; the rule's catch-up policy runs again, at {@code now}, the latest missed one
     * ({@code latest}, once the check has reached the newest due occurrence) or each missed one
     * ({@code all}), of those that started within the catch-up window, at most the cap, and only while
     * the rule runs.
     */
    public CheckResult decide(StoredRule rule, CheckPage page, Set<OccurrenceId> reported, Instant now, RuleOrigin origin) {
        List<Occurrence> missed = new ArrayList<>();
        page.standing().stream().filter(occurrence -> !reported.contains(occurrence.id())).forEach(missed::add);
        page.moved().stream().filter(occurrence -> !reported.contains(occurrence.id())).forEach(missed::add);
        missed.sort(Comparator.comparing(Occurrence::start).thenComparing(Occurrence::resolvedInstant));

        Set<OccurrenceId> caughtUp = catchUp(rule, page, missed, now);
        RuleDefinition definition = rule.definition();
        String tzdata = Tzdata.version(definition.timezone());
        List<Missed> records = new ArrayList<>();
        for (Occurrence occurrence : missed) {
            OccurrenceId run = caughtUp.contains(occurrence.id()) ? OccurrenceId.catchUpOf(occurrence.id(), occurrence.start()) : null;
            OccurrenceMissed event = OccurrenceEvents.missed(definition, rule.version(), occurrence, now, run);
            OccurrenceMaterialized rerun = run == null ? null
                    : OccurrenceEvents.backfill(definition, rule.version(), occurrence, run, now, tzdata);
            records.add(new Missed(event, OccurrenceEvents.metadata(event, origin),
                    rerun == null ? null : OccurrenceEvents.metadata(rerun, origin, now), rerun));
        }

        Map<Instant, Instant> checkedMoves = new HashMap<>();
        rule.missedCheck().checkedMoves().forEach((recurrenceId, start) -> {
            if (start.equals(rule.exceptions().moved().get(recurrenceId))) {
                checkedMoves.put(recurrenceId, start);
            }
        });
        page.moved().forEach(occurrence -> checkedMoves.put(occurrence.resolvedInstant(), occurrence.start()));
        MissedCheck after = new MissedCheck(page.next(), checkedMoves, rule.missedCheck().prunedBefore(page.next()));
        return new CheckResult(records, after);
    }

    /** How long after its start an occurrence may go unreported: a heartbeat's own grace, else the check's (ADR 0073). */
    public Duration graceOf(RuleDefinition definition) {
        Heartbeat heartbeat = definition.heartbeat();
        return heartbeat == null ? grace : Duration.ofSeconds(heartbeat.graceSeconds());
    }

    private Set<OccurrenceId> catchUp(StoredRule rule, CheckPage page, List<Occurrence> missed, Instant now) {
        CatchupPolicy policy = rule.definition().catchup();
        // A heartbeat's beat is never run again: Almanac does not dispatch it (ADR 0073).
        if (policy == CatchupPolicy.NONE || rule.definition().heartbeat() != null || maxCatchUpRuns == 0 || !rule.runsAt(now)) {
            return Set.of();
        }
        Instant earliest = now.minus(catchUpWindow);
        List<Occurrence> eligible = missed.stream().filter(occurrence -> !occurrence.start().isBefore(earliest)).toList();
        if (eligible.isEmpty() || policy == CatchupPolicy.LATEST && page.truncated()) {
            return Set.of();
        }
        int runs = policy == CatchupPolicy.LATEST ? 1 : Math.min(maxCatchUpRuns, eligible.size());
        Set<OccurrenceId> chosen = new HashSet<>();
        for (int i = eligible.size() - runs; i < eligible.size(); i++) {
            chosen.add(eligible.get(i).id());
        }
        return chosen;
    }

    /** The occurrences one check looks at: standing ones in order, moved ones where they are; {@code next} is the new watermark. */
    public record CheckPage(List<Occurrence> standing, List<Occurrence> moved, Instant next, boolean truncated) {

        public List<OccurrenceId> ids() {
            List<OccurrenceId> ids = new ArrayList<>();
            standing.forEach(occurrence -> ids.add(occurrence.id()));
            moved.forEach(occurrence -> ids.add(occurrence.id()));
            return ids;
        }
    }

    /** One missed occurrence's record, and the catch-up run for it, if any, with their envelopes. */
    public record Missed(OccurrenceMissed event, EventMetadata metadata, @Nullable EventMetadata rerunMetadata,
                         @Nullable OccurrenceMaterialized rerun) {
    }

    /** What a check publishes and the state it leaves. */
    public record CheckResult(List<Missed> missed, MissedCheck after) {
    }
}
