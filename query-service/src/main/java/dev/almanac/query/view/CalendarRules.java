package dev.almanac.query.view;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.rule.Heartbeat;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.RelationSummary;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.rule.Rule;
import dev.almanac.query.run.HeartbeatReports.HeartbeatBeat;
import dev.almanac.query.run.RunOverlay;
import dev.almanac.recurrence.Expansion;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Series;

/**
 * One calendar's rules at one instant, as a view overlays their occurrences. A paused or disabled
 * rule holds back its occurrences from the pause's or the disable's start (until the pause's
 * {@code resume_after}, if it has one): rule-expander retracts the materialised ones and the window
 * counts none of them, but the view lists them, paused or disabled, so a calendar shows what the rule
 * would run. A deleted rule's occurrences are gone, not held back. What is held back is the series
 * as it stands ({@link Series}, ADR 0023): no cancelled occurrence, none past the series' end, and a
 * moved one where it was moved to.
 */
public final class CalendarRules {

    /** The most occurrences expanded at once. */
    private static final int PAGE = 10_000;

    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Instant now;

    private CalendarRules(List<Rule> rules, Instant now) {
        rules.forEach(rule -> this.rules.put(rule.id(), rule));
        this.now = now;
    }

    static CalendarRules of(RuleTimelines.Snapshot snapshot, String calendarId, Instant now) {
        return new CalendarRules(snapshot.rulesOn(calendarId), now);
    }

    /** Every calendar's rules, for reads across calendars such as the ops feed. */
    public static CalendarRules ofAll(RuleTimelines.Snapshot snapshot, Instant now) {
        return new CalendarRules(snapshot.rules(), now);
    }

    /** {@link RunOverlay#PAUSED} or {@link RunOverlay#DISABLED} when its rule holds back the occurrence; null for items and occurrences that run. */
    public @Nullable RunOverlay heldBack(EntryCopy copy) {
        return heldBack(copy.ruleId(), copy.start());
    }

    /** As {@link #heldBack(EntryCopy)}, for the occurrence of this rule (null for an item) starting at {@code start}. */
    public @Nullable RunOverlay heldBack(@Nullable String ruleId, Instant start) {
        Rule rule = ruleId == null ? null : rules.get(ruleId);
        return rule == null ? null : heldBack(rule, start);
    }

    /**
     * The occurrence as a heartbeat's beat whose reports the views overlay (ADR 0073): null unless its rule is a heartbeat
     * and the beat has started (a report may account for a beat ahead of it, which has not happened yet).
     */
    public @Nullable HeartbeatBeat beatOf(EntryCopy copy, String calendarId) {
        return beatOf(copy.id(), copy.ruleId(), copy.start(), calendarId);
    }

    /** As {@link #beatOf(EntryCopy, String)}, for the occurrence with this id of this rule (null for an item). */
    public @Nullable HeartbeatBeat beatOf(String id, @Nullable String ruleId, Instant start, String calendarId) {
        Rule rule = ruleId == null ? null : rules.get(ruleId);
        Heartbeat heartbeat = rule == null || rule.options() == null ? null : rule.options().heartbeat();
        if (heartbeat == null || start.isAfter(now)) {
            return null;
        }
        return new HeartbeatBeat(id, rule.id(), calendarId, start, Duration.ofSeconds(heartbeat.intervalSeconds()),
                Duration.ofSeconds(heartbeat.graceSeconds()));
    }

    /**
     * Every occurrence the calendar's rules hold back that overlaps {@code [from, till)}, as its
     * materialisation would give it (the expansion's id and instants, the rule's name, type and
     * version), in (start, id) order, at most {@code limit}.
     */
    public List<EntryCopy> heldBackOverlapping(Instant from, Instant till, int limit) {
        List<EntryCopy> found = new ArrayList<>();
        for (Rule rule : rules.values()) {
            Instant since = rule.isDefined() ? rule.heldBackSince(now) : null;
            if (since != null) {
                found.addAll(heldBackOverlapping(rule, since, from, till, limit));
            }
        }
        found.sort(EntryCopy.BY_START_AND_ID);
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
    }

    /**
     * One rule's held-back occurrences overlapping the period: the standing ones by resolved instant,
     * at most {@code limit}, then the moved ones the hold covers where they were moved to.
     */
    private List<EntryCopy> heldBackOverlapping(Rule rule, Instant since, Instant from, Instant till, int limit) {
        RecurrenceSpec spec = rule.spec();
        Series series = rule.series();
        Instant resumed = rule.isPausedAt(now) ? rule.resumeAfter() : null;
        Instant until = resumed != null && resumed.isBefore(till) ? resumed : till;
        // Occurrences are expanded by resolved instant; one starts up to the jitter after it and lasts its duration.
        Instant cursor = latest(from.minusSeconds(rule.durationSeconds() + spec.jitterSeconds()), since.minusSeconds(spec.jitterSeconds()),
                rule.activeFrom());
        List<EntryCopy> found = new ArrayList<>();
        while (cursor.isBefore(until) && found.size() < limit) {
            Expansion page = series.expand(cursor, until, PAGE);
            for (Occurrence occurrence : page.occurrences()) {
                EntryCopy copy = copyOf(rule, occurrence);
                if (copy.overlaps(from, till) && heldBack(rule, copy.start()) != null && found.size() < limit) {
                    found.add(copy);
                }
            }
            if (!page.truncated()) {
                break;
            }
            cursor = page.coveredUntil();
        }
        for (Occurrence moved : series.moved()) {
            EntryCopy copy = copyOf(rule, moved);
            if (copy.overlaps(from, till) && heldBack(rule, copy.start()) != null && found.size() < limit) {
                found.add(copy);
            }
        }
        return found;
    }

    private @Nullable RunOverlay heldBack(Rule rule, Instant start) {
        Instant since = rule.heldBackSince(now);
        if (since == null || start.isBefore(since)) {
            return null;
        }
        if (rule.isDisabled()) {
            return RunOverlay.DISABLED;
        }
        return rule.resumeAfter() == null || start.isBefore(rule.resumeAfter()) ? RunOverlay.PAUSED : null;
    }

    private static EntryCopy copyOf(Rule rule, Occurrence occurrence) {
        return new EntryCopy(occurrence.id().value(), EntryKind.OCCURRENCE, rule.name(),
                rule.jobTemplate() == null ? null : rule.jobTemplate().type(), occurrence.start(), occurrence.end(),
                occurrence.zone().getId(), null, List.of(), rule.id(), 0, rule.version(), RelationSummary.NONE)
                .withPrivate(rule.metadata() != null && rule.metadata().keptPrivate());
    }

    private static Instant latest(Instant first, Instant second, @Nullable Instant third) {
        Instant latest = first.isAfter(second) ? first : second;
        return third != null && third.isAfter(latest) ? third : latest;
    }
}
