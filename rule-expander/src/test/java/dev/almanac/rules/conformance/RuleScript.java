package dev.almanac.rules.conformance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnabled;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Series;
import dev.almanac.recurrence.SeriesExceptions;
import dev.almanac.rules.testing.RuleSamples;

/**
 * One rule's events, drawn at random but only as command-service's rule aggregate accepts them:
 * no pause of a paused or disabled rule, a resume only inside a pause, moves and cancellations only
 * of occurrences that have not started and to times the rule runs, decisions only on occurrences
 * that are due, nothing after a deletion. Times are command-service's clock, to the millisecond;
 * the instants a person types ({@code resume_after}, a new time) sometimes carry more.
 */
final class RuleScript {

    /** Zones with DST both ways, and 30- and 45-minute offsets, some of them with DST too. */
    private static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/Berlin", "Europe/London", "Asia/Kolkata",
            "Asia/Kathmandu", "Australia/Adelaide", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns");
    /** At most every half hour: gap and overlap hours, office hours, monthly. */
    private static final List<String> CRONS = List.of("30 2 * * *", "0 1 * * *", "15 1,2,3 * * *", "*/30 * * * *", "0 9-17 * * 1-5",
            "0 * * * *", "45 */3 * * *", "0 12 * * 0", "30 2 1 * *", "0 0 * * *", "45 1 * * *");
    private static final List<String> RRULES = List.of("FREQ=DAILY", "FREQ=HOURLY;INTERVAL=5", "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=8,12;BYMINUTE=15",
            "FREQ=DAILY;COUNT=40", "FREQ=MINUTELY;INTERVAL=45;BYHOUR=1,2,3", "FREQ=DAILY;UNTIL=20260801T000000Z", "FREQ=MONTHLY;BYDAY=-1FR");
    private static final List<Integer> JITTERS = List.of(0, 0, 0, 60, 600, 1800, 3600);
    private static final List<Long> DURATIONS = List.of(0L, 300L, 1800L, 3600L, 7200L);
    private static final Duration LOOK_AHEAD = Duration.ofDays(366);
    private static final Duration LOOK_BACK = Duration.ofDays(31);
    private static final int EXCEPTION_LIMIT = 1_000;

    /** A rule event as the relay publishes it, at its version. */
    record Published(EventMetadata envelope, RuleEvent event) {

        Instant time() {
            return envelope.time();
        }
    }

    private enum Status { ACTIVE, PAUSED, DISABLED }

    private final Random random;
    /** How busy the rule is: its gaps between events are this many times the usual. */
    private final int pace;
    private final RuleId ruleId;
    private final List<Published> events = new ArrayList<>();
    private final List<Instant> resumeAfters = new ArrayList<>();
    private RuleCreated created;
    private Definition definition;
    private Status status = Status.ACTIVE;
    private boolean deleted;
    private @Nullable Instant resumeAfter;
    private SeriesExceptions exceptions = SeriesExceptions.NONE;
    private final Map<Instant, Instant> missedDecisions = new HashMap<>();
    private long version;

    /** What the rule's occurrences are: its schedule and what each carries. */
    private record Definition(String name, String cron, @Nullable RecurrenceRule rrule, ZoneId zone, CalendarId calendar, long duration,
                              DstPolicy dstPolicy, int jitter, String type, List<ResourceBooking> resources) {
    }

    /** Draws a rule created at {@code createdAt} and its events up to {@code until}. */
    RuleScript(Random random, String ruleId, Instant createdAt, Instant until) {
        this.random = random;
        this.pace = List.of(1, 1, 3).get(random.nextInt(3));
        this.ruleId = RuleId.of(ruleId);
        create(createdAt);
        Instant now = createdAt;
        while (!deleted) {
            now = aimed(now.plus(gap())).truncatedTo(ChronoUnit.MILLIS);
            if (!now.isBefore(until)) {
                break;
            }
            step(now);
        }
    }

    RuleId ruleId() {
        return ruleId;
    }

    List<Published> events() {
        return List.copyOf(events);
    }

    /** Every {@code resume_after} its pauses gave, as rule-expander stores it. */
    List<Instant> resumeAfters() {
        return List.copyOf(resumeAfters);
    }

    /**
     * Often not {@code around} itself but an instant where rule-expander's edges are: between the
     * resolved instant and the start of the next occurrence from there (a run its jitter carries
     * across the instant), or exactly at a start.
     */
    private Instant aimed(Instant around) {
        if (random.nextInt(5) >= 2) {
            return around;
        }
        List<Occurrence> next = series().expand(around, around.plus(Duration.ofDays(40)), 1).occurrences();
        if (next.isEmpty()) {
            return around;
        }
        Occurrence occurrence = next.get(0);
        long spread = Duration.between(occurrence.resolvedInstant(), occurrence.start()).toMillis();
        if (spread == 0 || random.nextBoolean()) {
            return occurrence.start();
        }
        return occurrence.resolvedInstant().plusMillis(1 + (long) (random.nextDouble() * spread));
    }

    private Duration gap() {
        return base().multipliedBy(pace);
    }

    private Duration base() {
        return switch (random.nextInt(5)) {
            case 0 -> Duration.ofSeconds(1 + random.nextInt(3600));
            case 1 -> Duration.ofMinutes(30 + random.nextInt(24 * 60));
            case 2, 3 -> Duration.ofHours(2 + random.nextInt(10 * 24));
            default -> Duration.ofDays(5 + random.nextInt(35)).plusMillis(random.nextInt(86_400_000));
        };
    }

    private void create(Instant now) {
        definition = randomDefinition(null);
        Instant activeFrom = switch (random.nextInt(4)) {
            case 0 -> now.minus(Duration.ofDays(random.nextInt(10))).minusSeconds(random.nextInt(86_400));
            case 1 -> now.plusMillis(random.nextInt(1000));
            default -> now.plus(Duration.ofDays(random.nextInt(20))).plusSeconds(random.nextInt(86_400));
        };
        RuleCreated sample = RuleSamples.nightly();
        created = new RuleCreated(ruleId, definition.name(), definition.cron(), definition.zone(), definition.calendar(),
                definition.duration(), activeFrom, definition.dstPolicy(), job(definition.type()), options(definition.jitter()),
                sample.metadata(), null, definition.rrule(), definition.resources());
        publish(created, now);
    }

    private void step(Instant now) {
        int choice = random.nextInt(100);
        if (choice < 18) {
            update(now);
        } else if (choice < 30) {
            pause(now);
        } else if (choice < 40) {
            resume(now);
        } else if (choice < 45) {
            disable(now);
        } else if (choice < 52) {
            enable(now);
        } else if (choice < 55) {
            delete(now);
        } else if (choice < 70) {
            move(now);
        } else if (choice < 79) {
            cancel(now);
        } else if (choice < 83) {
            end(now);
        } else {
            decideMissed(now);
        }
    }

    private void update(Instant now) {
        definition = randomDefinition(definition);
        publish(new RuleUpdated(ruleId, now, definition.name(), definition.cron(), null, definition.rrule(), definition.zone(),
                definition.calendar(), definition.duration(), definition.dstPolicy(), job(definition.type()), options(definition.jitter()),
                created.metadata(), definition.resources()), now);
    }

    private void pause(Instant now) {
        if (status == Status.DISABLED || pausedAt(now)) {
            return;
        }
        // Without end, within the published horizon, or past it (where it ends on runs not yet published).
        Duration length = random.nextBoolean() ? Duration.ofMinutes(60 + random.nextInt(60 * 24 * 60))
                : Duration.ofDays(91).plusMinutes(random.nextInt(110 * 24 * 60));
        Instant until = random.nextInt(5) < 2 ? null : aimed(now.plus(length)).plusNanos(random.nextBoolean() ? 0 : random.nextInt(1_000_000));
        status = Status.PAUSED;
        resumeAfter = until;
        if (until != null) {
            resumeAfters.add(until.truncatedTo(ChronoUnit.MILLIS));
        }
        publish(new RulePaused(ruleId, now, until, "script"), now);
    }

    private void resume(Instant now) {
        // A pause with an end is mostly left to end by itself.
        if (status == Status.DISABLED || !pausedAt(now) || resumeAfter != null && random.nextInt(3) > 0) {
            return;
        }
        status = Status.ACTIVE;
        resumeAfter = null;
        publish(new RuleResumed(ruleId, now), now);
    }

    private void disable(Instant now) {
        if (status == Status.DISABLED) {
            return;
        }
        status = Status.DISABLED;
        resumeAfter = null;
        publish(new RuleDisabled(ruleId, now, "script"), now);
    }

    private void enable(Instant now) {
        if (status != Status.DISABLED) {
            return;
        }
        status = Status.ACTIVE;
        publish(new RuleEnabled(ruleId, now), now);
    }

    private void delete(Instant now) {
        deleted = true;
        publish(new RuleDeleted(ruleId, now), now);
    }

    private void move(Instant now) {
        Instant newStart = now.plus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 60))).plusNanos(random.nextBoolean() ? 0
                : random.nextInt(1_000_000));
        Optional<Occurrence> occurrence = ahead(now);
        if (occurrence.isEmpty() || !runsAt(newStart, now) || !roomFor(occurrence.get().resolvedInstant())) {
            return;
        }
        Instant recurrenceId = occurrence.get().resolvedInstant();
        exceptions = exceptions.moving(recurrenceId, newStart);
        publish(new RuleOccurrenceMoved(ruleId, occurrence.get().id(), recurrenceId, newStart, now, "script"), now);
    }

    private void cancel(Instant now) {
        Optional<Occurrence> occurrence = ahead(now);
        if (occurrence.isEmpty() || !roomFor(occurrence.get().resolvedInstant())) {
            return;
        }
        exceptions = exceptions.cancelling(occurrence.get().resolvedInstant());
        publish(new RuleOccurrenceCancelled(ruleId, occurrence.get().id(), occurrence.get().resolvedInstant(), now, "script"), now);
    }

    private void end(Instant now) {
        Optional<Occurrence> occurrence = ahead(now);
        if (occurrence.isEmpty()) {
            return;
        }
        exceptions = exceptions.endingAt(occurrence.get().resolvedInstant());
        publish(new RuleEnded(ruleId, occurrence.get().resolvedInstant(), now, null), now);
    }

    private void decideMissed(Instant now) {
        List<Occurrence> due = due(now);
        if (due.isEmpty()) {
            return;
        }
        Occurrence missed = due.get(random.nextInt(due.size()));
        Instant recurrenceId = missed.resolvedInstant();
        Occurrence standing = series().standing(recurrenceId).orElse(missed);
        MissedRunAction action = MissedRunAction.values()[random.nextInt(3)];
        Instant later = now.plus(Duration.ofMinutes(1 + random.nextInt(20 * 24 * 60)));
        boolean accepted = switch (action) {
            case APPROVE_BACKFILL_RUN -> runsAt(now, now);
            case RESCHEDULE -> runsAt(later, now) && roomFor(recurrenceId);
            case DELETE_MISSED -> roomFor(recurrenceId);
        };
        if (!accepted) {
            return;
        }
        missedDecisions.put(recurrenceId, standing.start());
        OccurrenceId backfill = null;
        Instant newStart = null;
        if (action == MissedRunAction.APPROVE_BACKFILL_RUN) {
            backfill = OccurrenceId.backfillOf(missed.id(), standing.start());
            newStart = now;
        } else if (action == MissedRunAction.RESCHEDULE) {
            exceptions = exceptions.moving(recurrenceId, later);
            newStart = later;
        } else {
            exceptions = exceptions.cancelling(recurrenceId);
        }
        publish(new RuleMissedRunDecided(ruleId, missed.id(), recurrenceId, standing.start(), action, newStart, backfill, now, "script"),
                now);
    }

    /** An occurrence that has not started, as an operator names one: in the series in the next year, or moved. */
    private Optional<Occurrence> ahead(Instant now) {
        if (deleted) {
            return Optional.empty();
        }
        Series series = series();
        Instant from = latest(now.minusSeconds(definition.jitter()), created.activeFrom());
        List<Occurrence> candidates = new ArrayList<>(series.expand(from, latest(from, now.plus(LOOK_AHEAD)), 200).occurrences());
        series.moved().stream().filter(moved -> !moved.resolvedInstant().isBefore(created.activeFrom())).forEach(candidates::add);
        List<Occurrence> ahead = candidates.stream()
                .filter(occurrence -> series.standing(occurrence.resolvedInstant()).map(standing -> standing.start().isAfter(now))
                        .orElse(false))
                .toList();
        return ahead.isEmpty() ? Optional.empty() : Optional.of(ahead.get(random.nextInt(Math.min(ahead.size(), 40))));
    }

    /** Occurrences whose time has passed within the last month, not yet decided where they stand. */
    private List<Occurrence> due(Instant now) {
        Series series = series();
        Instant from = latest(now.minus(LOOK_BACK), created.activeFrom());
        List<Occurrence> candidates = new ArrayList<>(series.expand(from, latest(from, now.plusSeconds(1)), 2000).occurrences());
        series.moved().stream().filter(moved -> !moved.resolvedInstant().isBefore(from)).forEach(candidates::add);
        return candidates.stream()
                .filter(occurrence -> series.standing(occurrence.resolvedInstant())
                        .map(standing -> !standing.start().isAfter(now)
                                && !standing.start().equals(missedDecisions.get(occurrence.resolvedInstant())))
                        .orElse(false))
                .toList();
    }

    private boolean pausedAt(Instant now) {
        return status == Status.PAUSED && (resumeAfter == null || now.isBefore(resumeAfter));
    }

    /** command-service's check that a time is one the rule runs at: not while disabled, nor inside the pause. */
    private boolean runsAt(Instant start, Instant now) {
        if (deleted || status == Status.DISABLED) {
            return false;
        }
        return !(pausedAt(now) && (resumeAfter == null || start.isBefore(resumeAfter)));
    }

    private boolean roomFor(Instant recurrenceId) {
        boolean isNew = !exceptions.cancelled().contains(recurrenceId) && !exceptions.moved().containsKey(recurrenceId);
        return !isNew || exceptions.size() < EXCEPTION_LIMIT;
    }

    private Series series() {
        return new Series(new RecurrenceSpec(ruleId, RecurrenceSpec.schedule(definition.cron(), null, definition.rrule()), definition.zone(),
                definition.dstPolicy(), Duration.ofSeconds(definition.duration()), definition.jitter()), exceptions);
    }

    private void publish(RuleEvent event, Instant now) {
        EventMetadata envelope = event instanceof RuleCreated rule ? RuleSamples.envelope(rule, version)
                : RuleSamples.envelope(event, version, now);
        if (event instanceof RuleCreated) {
            envelope = new EventMetadata(envelope.id(), envelope.type(), envelope.source(), now, envelope.subject(), version,
                    envelope.actor(), envelope.correlationId(), envelope.traceparent());
        }
        events.add(new Published(envelope, event));
        version++;
    }

    /** A definition drawn afresh, or, for an update, one that changes some of {@code before}'s fields (sometimes none). */
    private Definition randomDefinition(@Nullable Definition before) {
        boolean fresh = before == null;
        String cron = before == null ? "" : before.cron();
        RecurrenceRule rrule = before == null ? null : before.rrule();
        if (fresh || random.nextInt(10) < 3) {
            if (random.nextInt(3) == 0) {
                cron = "";
                rrule = new RecurrenceRule(RRULES.get(random.nextInt(RRULES.size())), LocalDateTime.parse("2026-02-01T02:30:00")
                        .plusMinutes(random.nextInt(60 * 24 * 60)), List.of(), random.nextInt(4) == 0
                        ? List.of(LocalDateTime.parse("2026-06-14T02:30:00")) : List.of());
            } else {
                cron = CRONS.get(random.nextInt(CRONS.size()));
                rrule = null;
            }
        }
        ZoneId zone = fresh || random.nextInt(10) < 2 ? ZoneId.of(ZONES.get(random.nextInt(ZONES.size()))) : before.zone();
        long duration = fresh || random.nextInt(10) < 3 ? DURATIONS.get(random.nextInt(DURATIONS.size())) : before.duration();
        int jitter = fresh || random.nextInt(10) < 3 ? JITTERS.get(random.nextInt(JITTERS.size())) : before.jitter();
        DstPolicy policy = fresh || random.nextInt(10) < 2
                ? new DstPolicy(GapPolicy.values()[random.nextInt(2)], OverlapPolicy.values()[random.nextInt(3)]) : before.dstPolicy();
        String name = fresh || random.nextInt(10) < 2 ? "Rule " + ruleIdSuffix() + " v" + version : before.name();
        String type = fresh || random.nextInt(10) < 1 ? (random.nextBoolean() ? "cleanup" : "report") : before.type();
        List<ResourceBooking> resources = fresh || random.nextInt(10) < 1
                ? (random.nextBoolean() ? List.of() : List.of(new ResourceBooking(EventSamples.PROJECTOR, ResourceRole.SECONDARY)))
                : before.resources();
        CalendarId calendar = fresh || random.nextInt(20) < 1 ? CalendarId.of(random.nextBoolean() ? "cal-ops" : "cal-reports")
                : before.calendar();
        return new Definition(name, cron, rrule, zone, calendar, duration, policy, jitter, type, resources);
    }

    private String ruleIdSuffix() {
        return ruleId.value().substring(ruleId.value().lastIndexOf('-') + 1);
    }

    private static JobTemplate job(String type) {
        return new JobTemplate(type, Map.of(), null, null);
    }

    private static RuleOptions options(int jitter) {
        RuleOptions sample = RuleSamples.nightly().options();
        return new RuleOptions(sample.maxConcurrent(), jitter, sample.retryPolicy(), sample.catchup(), sample.maxHistory());
    }

    private static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(ruleId.value()).append(':');
        events.forEach(published -> text.append("\n  v").append(published.envelope().aggregateVersion()).append(' ')
                .append(published.event()));
        return text.toString();
    }
}
