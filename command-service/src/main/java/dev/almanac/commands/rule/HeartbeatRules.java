package dev.almanac.commands.rule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.CatchupPolicy;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.Heartbeat;
import dev.almanac.events.rule.HttpTarget;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.platform.input.ShortDurations;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.recurrence.InvalidScheduleException;

/**
 * What a heartbeat request becomes, and what a heartbeat rule refuses (OPS-HEARTBEAT, ADR 0073): a schedule of beats (the RRULE
 * {@code FREQ=MINUTELY;INTERVAL=<minutes>} from {@code dtstart}, by default the minute of the request), read in elapsed
 * time (a beat at a local time that does not exist is skipped, one at a local time that happens twice is expected
 * twice), and no option that only a dispatched run can honour. Each refusal names the field and the rule it breaks.
 */
final class HeartbeatRules {

    static final Duration DEFAULT_GRACE = Duration.ofMinutes(1);
    private static final String NOT_DISPATCHED = "; Almanac does not dispatch a heartbeat's runs, the system that reports them runs them";

    private HeartbeatRules() {
    }

    /** The interval and grace a request asks for, each whole and in range. */
    static Heartbeat heartbeat(HeartbeatRequest request) {
        Duration interval = ShortDurations.parse(request.interval()).orElse(Duration.ZERO);
        if (interval.toSeconds() < Heartbeat.SHORTEST_INTERVAL_SECONDS || interval.toSeconds() > Heartbeat.LONGEST_INTERVAL_SECONDS) {
            throw ProblemException.invalid("heartbeat.interval", "range",
                    "a heartbeat's interval must be at least 1m and at most 12h, but was " + request.interval());
        }
        if (interval.toSeconds() % 60 != 0) {
            throw ProblemException.invalid("heartbeat.interval", "whole_minutes",
                    "a heartbeat's interval is whole minutes, like 5m or 1h30m, but was " + request.interval());
        }
        Duration grace = request.grace() == null ? DEFAULT_GRACE : ShortDurations.parse(request.grace()).orElse(Duration.ZERO);
        if (grace.compareTo(interval) > 0) {
            throw ProblemException.invalid("heartbeat.grace", "within_interval", "a heartbeat's grace must not be beyond its interval ("
                    + request.interval() + "), but was " + (request.grace() == null ? ShortDurations.format(grace) : request.grace())
                    + ": a report would then account for a beat a whole interval away");
        }
        return new Heartbeat((int) interval.toSeconds(), (int) grace.toSeconds());
    }

    /**
     * The beats as a schedule. A heartbeat is the whole schedule: cron, rrule, recurrence and their parts are refused
     * beside it. {@code dtstart}, when given, is the first beat's local time in {@code zone}; otherwise the minute of
     * {@code now}.
     */
    static RuleSchedule schedule(Heartbeat heartbeat, @Nullable String cron, @Nullable CronSyntax cronDialect, @Nullable String rrule,
                                 @Nullable RecurrenceRequest recurrence, @Nullable String dtstart, @Nullable List<String> exdates,
                                 @Nullable List<String> rdates, ZoneId zone, Instant now) {
        requireAbsent("cron", cron);
        requireAbsent("cron_dialect", cronDialect);
        requireAbsent("rrule", rrule);
        requireAbsent("recurrence", recurrence);
        requireAbsent("exdates", exdates);
        requireAbsent("rdates", rdates);
        RecurrenceRule beats = dtstart == null ? heartbeat.beatsFrom(now, zone)
                : RuleSchedule.read(null, null, heartbeat.rrule(), dtstart, null, null, null).rrule();
        RuleSchedule schedule = new RuleSchedule("", null, beats);
        try {
            schedule.schedule();
        } catch (InvalidScheduleException e) {
            throw RuleSchedule.problem("heartbeat", e);
        }
        return schedule;
    }

    /**
     * The options with the heartbeat set, once nothing in them, the job template, the DST policy or the duration needs
     * a dispatched run to work.
     */
    static RuleOptions options(Heartbeat heartbeat, RuleOptions options, JobTemplate template, DstPolicy dstPolicy,
                               boolean dstPolicyGiven, long durationSeconds) {
        if (options.jitterSeconds() != 0) {
            throw refused("options.jitter_seconds", "jitter moves a dispatch; a heartbeat's beats are expected on the interval");
        }
        if (options.maxConcurrent() != null) {
            throw refused("options.max_concurrent", "max_concurrent holds back dispatches");
        }
        if (options.retryPolicy() != RetryPolicy.NONE) {
            throw refused("options.retry_policy", "a retry is a dispatch again");
        }
        if (options.catchupRule() != CatchupPolicy.NONE) {
            throw refused(options.catchupPolicy() != null ? "options.catchup_policy" : "options.catchup",
                    "catch-up dispatches a missed run again; leave it out or make it none");
        }
        if (dstPolicyGiven && !dstPolicy.equals(Heartbeat.BEATS)) {
            throw refused("options.dst_policy", "a heartbeat's beats follow elapsed time (gap skip, overlap twice); leave dst_policy out");
        }
        if (HttpTarget.JOB_TYPE.equals(template.type())) {
            throw refused("job_template.type", "an http job is called by an executor when Almanac dispatches it");
        }
        if (template.timeoutSeconds() != null && template.timeoutSeconds() > heartbeat.intervalSeconds()) {
            throw ProblemException.invalid("job_template.timeout", "within_interval", "a heartbeat's run must end within its interval ("
                    + heartbeat.intervalSeconds() + " s), but timeout was " + template.timeoutSeconds() + " s");
        }
        if (durationSeconds > heartbeat.intervalSeconds()) {
            throw ProblemException.invalid("job_template.estimated_duration", "within_interval",
                    "a heartbeat's beat must not last beyond its interval (" + heartbeat.intervalSeconds() + " s), but lasted "
                            + durationSeconds + " s: its beats would overlap");
        }
        return new RuleOptions(options.maxConcurrent(), 0, RetryPolicy.NONE, false, options.maxHistory(), options.catchupPolicy(),
                null, null, null, heartbeat);
    }

    /** A beat lasts the default duration, or the interval when that is shorter. */
    static Duration defaultDuration(Heartbeat heartbeat, Duration otherwise) {
        Duration interval = Duration.ofSeconds(heartbeat.intervalSeconds());
        return interval.compareTo(otherwise) < 0 ? interval : otherwise;
    }

    private static ProblemException refused(String field, String why) {
        return ProblemException.invalid(field, "heartbeat", field.substring(field.indexOf('.') + 1) + " does not apply to a heartbeat: "
                + why + NOT_DISPATCHED);
    }

    private static void requireAbsent(String field, @Nullable Object value) {
        if (value != null) {
            throw ProblemException.invalid(field, "one_of", "a rule is scheduled by exactly one of cron, rrule, recurrence or heartbeat; "
                    + field + " does not go with heartbeat, leave it out");
        }
    }
}
