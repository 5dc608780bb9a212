package dev.almanac.dispatch.due;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.dispatch.testing.RecordingSink;
import dev.almanac.dispatch.testing.RuleStory;
import dev.almanac.events.EntryKind;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.dispatch.AttemptOutcome;
import dev.almanac.events.dispatch.DispatchEvent;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.dispatch.OccurrenceBuffered;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.dispatch.OccurrenceSkipped;
import dev.almanac.events.dispatch.RetriesExhausted;
import dev.almanac.events.dispatch.RetryScheduled;
import dev.almanac.events.dispatch.RunTimedOut;
import dev.almanac.events.dispatch.SkipReason;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.ConcurrencyPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunId;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.events.dispatch.ReminderDue;
import dev.almanac.platform.json.AlmanacJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** max_concurrent with its policy, timeouts and retries, enforced from run reports (F033-RULE-OPTIONS, ADR 0070). */
class RunEnforcementTest {

    private static final CalendarId OPS = CalendarId.of("cal-ops");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final JobTemplate NO_TIMEOUT = new JobTemplate("http", Map.of("url", "http://127.0.0.1:1/hook"), null, null);

    private final RecordingSink sink = new RecordingSink();
    private final PartitionDispatch partition = new PartitionDispatch(DispatchSettings.DEFAULT, T0.plusMillis(1), T0.plusMillis(1));

    private static RuleOptions concurrency(int max, ConcurrencyPolicy policy) {
        return new RuleOptions(max, 0, RetryPolicy.NONE, false, null, null, null, null, policy);
    }

    private static RuleOptions retries(RetryPolicy policy, int limit, int backoffSeconds) {
        return new RuleOptions(null, 0, policy, false, null, null, limit, backoffSeconds, null);
    }

    private RuleStory rule(RuleOptions options, JobTemplate job) {
        RuleStory rule = RuleStory.of("* * * * *", OPS).options(options).job(job);
        RuleStory.Step created = rule.created(T0);
        partition.onRuleEvent(OPS, created.event(), created.envelope(), T0, sink);
        return rule;
    }

    private void tick(Instant at) {
        partition.due(at, at, sink);
    }

    private void report(RuleStory rule, Instant start, int attempt, String outcome, Instant at) {
        String entry = rule.occurrenceAt(start).value();
        RunId run = RunId.of(EntryKind.OCCURRENCE, entry, attempt);
        var event = switch (outcome) {
            case "started" -> new RunStarted(run, OPS, EntryKind.OCCURRENCE, entry, attempt, at, "worker");
            case "succeeded" -> new RunSucceeded(run, OPS, EntryKind.OCCURRENCE, entry, attempt, at, "worker", null);
            default -> new RunFailed(run, OPS, EntryKind.OCCURRENCE, entry, attempt, at, "worker", "boom");
        };
        partition.onRunReport(event, at, sink);
    }

    private static Instant minute(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void beyondMaxConcurrentAnOccurrenceIsSkippedAndAFinishedRunMakesRoomForTheNext() {
        RuleStory rule = rule(concurrency(1, ConcurrencyPolicy.SKIP), NO_TIMEOUT);
        tick(minute(1));
        report(rule, minute(1), 1, "started", minute(1).plusSeconds(1));
        tick(minute(2));
        report(rule, minute(1), 1, "succeeded", minute(2).plusSeconds(30));
        tick(minute(3));

        assertThat(sink.dueTimes()).containsExactly(minute(1), minute(3));
        assertThat(sink.publishedOf(OccurrenceSkipped.class)).singleElement().satisfies(skipped -> {
            assertThat(skipped.occurrenceId()).isEqualTo(rule.occurrenceAt(minute(2)));
            assertThat(skipped.reason()).isEqualTo(SkipReason.MAX_CONCURRENT);
            assertThat(skipped.inFlight()).isEqualTo(1);
        });
    }

    @Test
    void aRunNowIsHeldToMaxConcurrentLikeEveryRun() {
        RuleStory rule = rule(concurrency(1, ConcurrencyPolicy.SKIP), NO_TIMEOUT);
        tick(minute(1));
        report(rule, minute(1), 1, "started", minute(1).plusSeconds(1));
        RuleStory.Step runNow = rule.runNow(minute(1).plusSeconds(10));
        partition.onRuleEvent(OPS, runNow.event(), runNow.envelope(), minute(1).plusSeconds(10), sink);
        tick(minute(1).plusSeconds(11));

        assertThat(sink.dueTimes()).containsExactly(minute(1));
        assertThat(sink.publishedOf(OccurrenceSkipped.class)).singleElement().satisfies(skipped -> {
            assertThat(skipped.occurrenceId()).isEqualTo(OccurrenceId.runNowOf(rule.ruleId(), 1));
            assertThat(skipped.reason()).isEqualTo(SkipReason.MAX_CONCURRENT);
        });
    }

    @Test
    void bufferOneKeepsTheNewestWaitingAndDispatchesItWhenARunEnds() {
        RuleStory rule = rule(concurrency(1, ConcurrencyPolicy.BUFFER_ONE), NO_TIMEOUT);
        tick(minute(1));
        tick(minute(2));
        tick(minute(3));
        report(rule, minute(1), 1, "failed", minute(3).plusSeconds(20));
        assertThat(partition.nextWake()).contains(minute(3));
        tick(minute(3).plusSeconds(20));

        assertThat(sink.publishedOf(OccurrenceBuffered.class)).extracting(OccurrenceBuffered::occurrenceId)
                .containsExactly(rule.occurrenceAt(minute(2)), rule.occurrenceAt(minute(3)));
        assertThat(sink.publishedOf(OccurrenceSkipped.class)).singleElement().satisfies(skipped -> {
            assertThat(skipped.occurrenceId()).isEqualTo(rule.occurrenceAt(minute(2)));
            assertThat(skipped.reason()).isEqualTo(SkipReason.SUPERSEDED);
        });
        assertThat(sink.dispatched).extracting(OccurrenceDue::occurrenceId)
                .containsExactly(rule.occurrenceAt(minute(1)), rule.occurrenceAt(minute(3)));
        assertThat(sink.dispatched.get(1).dueAt()).isEqualTo(minute(3));
        assertThat(sink.dispatched.get(1).dispatchedAt()).isEqualTo(minute(3).plusSeconds(20));
        assertThat(sink.buffered).isEmpty();
        // Still one in flight (10:03's): 10:04 waits again.
        tick(minute(4));
        assertThat(sink.publishedOf(OccurrenceBuffered.class)).hasSize(3);
    }

    @Test
    void anAttemptWithoutAFinalReportByItsTimeoutTimesOutAndALaterReportChangesNothing() {
        RuleStory rule = rule(RuleOptions.DEFAULT, new JobTemplate("http", Map.of("url", "http://127.0.0.1:1/hook"), null, 30));
        tick(minute(1));
        report(rule, minute(1), 1, "started", minute(1).plusSeconds(2));
        assertThat(partition.nextWake()).contains(minute(1).plusSeconds(30));
        tick(minute(1).plusSeconds(30));
        report(rule, minute(1), 1, "succeeded", minute(1).plusSeconds(40));

        assertThat(sink.publishedOf(RunTimedOut.class)).singleElement().satisfies(timedOut -> {
            assertThat(timedOut.attempt()).isEqualTo(1);
            assertThat(timedOut.timeoutAt()).isEqualTo(minute(1).plusSeconds(30));
        });
        assertThat(sink.publishedOf(RetryScheduled.class)).isEmpty();
        assertThat(sink.refused).containsExactly("attempt already ended");
    }

    @Test
    void aFailedAttemptIsRetriedAfterItsBackoffUpToTheLimitAndThenItIsFinal() {
        RuleStory rule = rule(retries(RetryPolicy.LINEAR, 2, 10), NO_TIMEOUT);
        tick(minute(1));
        report(rule, minute(1), 1, "failed", minute(1).plusSeconds(5));
        assertThat(partition.nextWake()).contains(minute(1).plusSeconds(15));
        tick(minute(1).plusSeconds(15));
        report(rule, minute(1), 2, "failed", minute(1).plusSeconds(16));
        tick(minute(1).plusSeconds(36));
        report(rule, minute(1), 3, "failed", minute(1).plusSeconds(37));
        report(rule, minute(1), 3, "succeeded", minute(1).plusSeconds(38));

        OccurrenceId occurrence = rule.occurrenceAt(minute(1));
        assertThat(sink.dispatched).filteredOn(due -> due.occurrenceId().equals(occurrence))
                .extracting(OccurrenceDue::attempt, OccurrenceDue::trigger, OccurrenceDue::dueAt)
                .containsExactly(tuple(1, DispatchTrigger.SCHEDULED, minute(1)),
                        tuple(2, DispatchTrigger.RETRY, minute(1).plusSeconds(15)),
                        tuple(3, DispatchTrigger.RETRY, minute(1).plusSeconds(36)));
        assertThat(sink.publishedOf(RetryScheduled.class)).extracting(RetryScheduled::attempt, RetryScheduled::retryAt)
                .containsExactly(tuple(2, minute(1).plusSeconds(15)),
                        tuple(3, minute(1).plusSeconds(36)));
        assertThat(sink.publishedOf(RetriesExhausted.class)).singleElement().satisfies(exhausted -> {
            assertThat(exhausted.attempts()).isEqualTo(3);
            assertThat(exhausted.lastOutcome()).isEqualTo(AttemptOutcome.FAILED);
        });
        assertThat(sink.refused).containsExactly("attempt already ended");
    }

    @Test
    void aTimedOutAttemptIsRetriedExponentially() {
        RuleStory rule = rule(retries(RetryPolicy.EXPONENTIAL, 3, 10), new JobTemplate("http", Map.of("url", "http://127.0.0.1:1/"), null, 5));
        tick(minute(1));
        tick(minute(1).plusSeconds(5));
        tick(minute(1).plusSeconds(15));
        tick(minute(1).plusSeconds(20));

        assertThat(sink.publishedOf(RetryScheduled.class)).extracting(RetryScheduled::after, RetryScheduled::retryAt).containsExactly(
                tuple(AttemptOutcome.TIMED_OUT, minute(1).plusSeconds(15)),
                tuple(AttemptOutcome.TIMED_OUT, minute(1).plusSeconds(40)));
    }

    @Test
    void aReportOfAnOccurrenceNotFollowedOrOfAnAttemptNotDispatchedChangesNothing() {
        RuleStory rule = rule(retries(RetryPolicy.LINEAR, 2, 10), NO_TIMEOUT);
        tick(minute(1));
        report(rule, minute(5), 1, "failed", minute(1).plusSeconds(1));
        report(rule, minute(1), 2, "failed", minute(1).plusSeconds(2));

        assertThat(sink.refused).containsExactly("unknown occurrence", "unknown attempt");
        assertThat(sink.publishedOf(RetryScheduled.class)).isEmpty();
        assertThat(sink.tracked.get(rule.occurrenceAt(minute(1))).phase()).isEqualTo(RunPhase.IN_FLIGHT);
    }

    @Test
    void aRuleWithoutEnforcedOptionsIsNotFollowed() {
        RuleStory rule = rule(RuleOptions.DEFAULT, NO_TIMEOUT);
        tick(minute(1));
        report(rule, minute(1), 1, "failed", minute(1).plusSeconds(1));

        assertThat(sink.tracked).isEmpty();
        assertThat(sink.refused).containsExactly("unknown occurrence");
    }

    @Test
    void anOccurrencesEventsAreVersionedInTheOrderTheyHappen() {
        RuleStory rule = rule(retries(RetryPolicy.LINEAR, 1, 10), new JobTemplate("http", Map.of("url", "http://127.0.0.1:1/"), null, 5));
        RecordingVersions versions = new RecordingVersions();
        tick(minute(1));
        tick(minute(1).plusSeconds(5));
        tick(minute(1).plusSeconds(15));
        tick(minute(1).plusSeconds(20));

        sink.published.forEach(event -> versions.add(event.subject(), versionOf(event)));
        assertThat(versions.of(rule.occurrenceAt(minute(1)).value())).isSorted().doesNotHaveDuplicates().hasSize(6);
    }

    @Test
    void theTimeoutOfAnAttemptHeldBeforeARestartStillComes() {
        RuleStory rule = RuleStory.of("* * * * *", OPS).job(new JobTemplate("http", Map.of("url", "http://127.0.0.1:1/"), null, 30));
        RuleStory.Step created = rule.created(T0);
        partition.onRuleEvent(OPS, created.event(), created.envelope(), T0, sink);
        tick(minute(1));

        PartitionDispatch restored = new PartitionDispatch(DispatchSettings.DEFAULT, sink.watermark, T0.plusMillis(1));
        restored.restoreRule(OPS, created.event(), created.envelope());
        sink.tracked.values().forEach(restored::restoreTracked);
        restored.restored();
        RecordingSink after = new RecordingSink();
        restored.due(minute(1).plusSeconds(30), minute(1).plusSeconds(30), after);

        assertThat(after.publishedOf(RunTimedOut.class)).singleElement().extracting(RunTimedOut::occurrenceId)
                .isEqualTo(rule.occurrenceAt(minute(1)));
    }

    /** As PartitionStore keeps them: the runs go through their stored JSON form, as after a restart (kill -9 or clean). */
    @Test
    void aRetryWaitingAndABufferedOccurrenceSurviveARestartThroughTheirStoredFormAndAreDispatchedOnce() {
        RuleOptions options = new RuleOptions(1, 0, RetryPolicy.LINEAR, false, null, null, 2, 10, ConcurrencyPolicy.BUFFER_ONE);
        RuleStory rule = RuleStory.of("* * * * *", OPS).options(options).job(NO_TIMEOUT);
        RuleStory.Step created = rule.created(T0);
        partition.onRuleEvent(OPS, created.event(), created.envelope(), T0, sink);
        tick(minute(1));
        tick(minute(2));
        report(rule, minute(1), 1, "failed", minute(2).plusSeconds(5));
        assertThat(sink.buffered).containsKey(rule.ruleId());
        assertThat(sink.pending).hasSize(1);

        PartitionDispatch restored = new PartitionDispatch(DispatchSettings.DEFAULT, sink.watermark, T0.plusMillis(1));
        restored.restoreRule(OPS, created.event(), created.envelope());
        sink.pending.values().forEach(run -> restored.restorePending(stored(run, PendingRun.class)));
        sink.done.forEach(restored::restoreDone);
        sink.tracked.values().forEach(run -> restored.restoreTracked(stored(run, TrackedRun.class)));
        sink.buffered.values().forEach(run -> restored.restoreBuffered(stored(run, PendingRun.class)));
        restored.restored();
        RecordingSink after = new RecordingSink();
        restored.due(minute(2).plusSeconds(15), minute(2).plusSeconds(15), after);
        OccurrenceId first = rule.occurrenceAt(minute(1));
        String entry = first.value();
        restored.onRunReport(new RunSucceeded(RunId.of(EntryKind.OCCURRENCE, entry, 2), OPS, EntryKind.OCCURRENCE, entry, 2,
                minute(2).plusSeconds(20), "worker", null), minute(2).plusSeconds(20), after);
        restored.due(minute(2).plusSeconds(20), minute(2).plusSeconds(20), after);
        restored.due(minute(2).plusSeconds(40), minute(2).plusSeconds(40), after);

        assertThat(after.dispatched).extracting(OccurrenceDue::occurrenceId, OccurrenceDue::attempt, OccurrenceDue::trigger)
                .containsExactly(tuple(first, 2, DispatchTrigger.RETRY),
                        tuple(rule.occurrenceAt(minute(2)), 1, DispatchTrigger.SCHEDULED));
        assertThat(after.buffered).isEmpty();
        assertThat(after.refused).isEmpty();
    }

    private static <T> T stored(Object run, Class<T> type) {
        JsonMapper json = AlmanacJson.eventMapper();
        return json.readValue(json.writeValueAsBytes(run), type);
    }

    private static long versionOf(DispatchEvent event) {
        return event.accept(new DispatchEvent.Handler<EventMetadata>() {
            @Override
            public EventMetadata on(OccurrenceDue due, EventMetadata envelope) {
                return DispatchEnvelopes.of(due, "a", "c", null);
            }

            @Override
            public EventMetadata on(DispatchMisfired misfired, EventMetadata envelope) {
                return DispatchEnvelopes.of(misfired, "a", "c", null);
            }

            @Override
            public EventMetadata on(OccurrenceSkipped skipped, EventMetadata envelope) {
                return DispatchEnvelopes.of(skipped, "a", "c", null);
            }

            @Override
            public EventMetadata on(OccurrenceBuffered buffered, EventMetadata envelope) {
                return DispatchEnvelopes.of(buffered, "a", "c", null);
            }

            @Override
            public EventMetadata on(RunTimedOut timedOut, EventMetadata envelope) {
                return DispatchEnvelopes.of(timedOut, "a", "c", null);
            }

            @Override
            public EventMetadata on(RetryScheduled retry, EventMetadata envelope) {
                return DispatchEnvelopes.of(retry, "a", "c", null);
            }

            @Override
            public EventMetadata on(RetriesExhausted exhausted, EventMetadata envelope) {
                return DispatchEnvelopes.of(exhausted, "a", "c", null);
            }

            @Override
            public EventMetadata on(ReminderDue reminder, EventMetadata envelope) {
                return DispatchEnvelopes.of(reminder, "a", "c", null);
            }
        }, null).aggregateVersion();
    }

    /** The versions each subject's events were published with, in order. */
    private static final class RecordingVersions {

        private final Map<String, List<Long>> bySubject = new HashMap<>();

        void add(String subject, long version) {
            bySubject.computeIfAbsent(subject, key -> new ArrayList<>()).add(version);
        }

        List<Long> of(String subject) {
            return bySubject.getOrDefault(subject, List.of());
        }
    }
}
