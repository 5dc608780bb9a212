package dev.almanac.query.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EntryKind;
import dev.almanac.events.EventSamples;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.dispatch.AttemptOutcome;
import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.dispatch.OccurrenceBuffered;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.dispatch.OccurrenceSkipped;
import dev.almanac.events.dispatch.RetriesExhausted;
import dev.almanac.events.dispatch.RetryScheduled;
import dev.almanac.events.dispatch.RunTimedOut;
import dev.almanac.events.dispatch.SkipReason;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunId;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.Versioned;
import dev.almanac.query.support.Received;

/**
 * The merge of run reports and the dispatcher's decisions into the overlay a view shows, without Spring: events go through
 * {@link RunProjector} and {@link DispatchProjector} into an in-memory store that applies by version, as the projection
 * does, and {@link LatestRun} reads it as {@link Runs#latestOf} does.
 */
class LatestRunTest {

    private static final Instant START = Instant.parse("2026-12-02T07:30:00Z");
    private static final OccurrenceId OCCURRENCE = OccurrenceId.of(EventSamples.NIGHTLY, START);

    private final Store store = new Store();

    @Test
    void aDispatchShowsBeforeAnyRunIsReportedWithItsAttemptTriggerAndTimeout() {
        store.apply(due(1, DispatchTrigger.SCHEDULED));

        LatestRun latest = store.latest();
        assertThat(latest.overlay(null)).isEqualTo(RunOverlay.DISPATCHED);
        assertThat(latest.shownRun()).isNull();
        assertThat(latest.dispatch()).satisfies(dispatch -> {
            assertThat(dispatch.decision()).isEqualTo(DispatchDecision.DISPATCHED);
            assertThat(dispatch.attempt()).isEqualTo(1);
            assertThat(dispatch.trigger()).isEqualTo(DispatchTrigger.SCHEDULED);
            assertThat(dispatch.dueAt()).isEqualTo(START);
            assertThat(dispatch.timeoutAt()).isEqualTo(START.plusSeconds(600));
        });
    }

    @Test
    void aRunReportOfTheDispatchedAttemptOutranksTheBareDispatchWhicheverArrivesFirst() {
        List<AlmanacEvent> history = List.of(due(1, DispatchTrigger.SCHEDULED), started(1), succeeded(1));
        for (List<AlmanacEvent> order : orders(history)) {
            Store store = new Store();
            order.forEach(store::apply);

            LatestRun latest = store.latest();
            assertThat(latest.overlay(null)).as("%s", order).isEqualTo(RunOverlay.SUCCEEDED);
            assertThat(latest.shownRun().attempt()).isEqualTo(1);
            assertThat(latest.dispatch().trigger()).as("the dispatch stays beside the run").isEqualTo(DispatchTrigger.SCHEDULED);
        }
        store.apply(due(1, DispatchTrigger.SCHEDULED));
        store.apply(started(1));
        assertThat(store.latest().overlay(null)).isEqualTo(RunOverlay.RUNNING);
    }

    @Test
    void aRetryAndThenItsAttemptOutrankEveryReportOfTheAttemptBefore() {
        store.apply(due(1, DispatchTrigger.SCHEDULED));
        store.apply(started(1));
        store.apply(failed(1));
        assertThat(store.latest().overlay(null)).isEqualTo(RunOverlay.FAILED);

        store.apply(new RetryScheduled(OCCURRENCE, EventSamples.NIGHTLY, EventSamples.BALLROOM, 2, AttemptOutcome.FAILED,
                START.plusSeconds(90), START.plusSeconds(60)));
        LatestRun retrying = store.latest();
        assertThat(retrying.overlay(null)).isEqualTo(RunOverlay.RETRY_SCHEDULED);
        assertThat(retrying.dispatch()).satisfies(dispatch -> {
            assertThat(dispatch.attempt()).as("the attempt that ended").isEqualTo(1);
            assertThat(dispatch.nextAttempt()).isEqualTo(2);
            assertThat(dispatch.retryAt()).isEqualTo(START.plusSeconds(90));
            assertThat(dispatch.lastOutcome()).isEqualTo(AttemptOutcome.FAILED);
            assertThat(dispatch.trigger()).as("attempt 1's trigger").isEqualTo(DispatchTrigger.SCHEDULED);
        });

        store.apply(due(2, DispatchTrigger.RETRY));
        assertThat(store.latest().overlay(null)).isEqualTo(RunOverlay.DISPATCHED);
        assertThat(store.latest().dispatch().attempt()).isEqualTo(2);
        assertThat(store.latest().dispatch().trigger()).isEqualTo(DispatchTrigger.RETRY);

        store.apply(started(2));
        assertThat(store.latest().overlay(null)).isEqualTo(RunOverlay.RUNNING);
        assertThat(store.latest().shownRun().attempt()).isEqualTo(2);

        // Attempt 1's reports and decisions, delivered again or late, change nothing.
        store.apply(succeeded(1));
        store.apply(due(1, DispatchTrigger.SCHEDULED));
        assertThat(store.latest().overlay(null)).isEqualTo(RunOverlay.RUNNING);
        assertThat(store.latest().dispatch().attempt()).isEqualTo(2);
    }

    @Test
    void aTimeoutOutranksTheReportsOfItsAttemptEvenOneThatComesLate() {
        store.apply(due(1, DispatchTrigger.SCHEDULED));
        store.apply(started(1));
        store.apply(new RunTimedOut(OCCURRENCE, EventSamples.NIGHTLY, EventSamples.BALLROOM, 1, START, START.plusSeconds(600),
                START.plusSeconds(601)));

        assertThat(store.latest().overlay(null)).isEqualTo(RunOverlay.TIMED_OUT);
        assertThat(store.latest().dispatch().timeoutAt()).isEqualTo(START.plusSeconds(600));
        assertThat(store.latest().dispatch().trigger()).as("its dispatch's trigger stays").isEqualTo(DispatchTrigger.SCHEDULED);

        store.apply(succeeded(1));
        assertThat(store.latest().overlay(null)).as("the dispatcher took the attempt as ended").isEqualTo(RunOverlay.TIMED_OUT);
    }

    @Test
    void exhaustedRetriesAreFinalOverTheLastAttemptsFailure() {
        store.apply(due(4, DispatchTrigger.RETRY));
        store.apply(failed(4));
        store.apply(new RetriesExhausted(OCCURRENCE, EventSamples.NIGHTLY, EventSamples.BALLROOM, 4, AttemptOutcome.FAILED,
                START.plusSeconds(900)));

        LatestRun latest = store.latest();
        assertThat(latest.overlay(null)).isEqualTo(RunOverlay.RETRIES_EXHAUSTED);
        assertThat(latest.dispatch().attempt()).isEqualTo(4);
        assertThat(latest.dispatch().lastOutcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(latest.shownRun().status()).as("the last report stays beside it").isEqualTo(RunState.FAILED);
    }

    @Test
    void aBufferedOccurrenceIsDispatchedLaterOrSkippedWhenANewerOneSupersedesIt() {
        store.apply(buffered());
        assertThat(store.latest().overlay(null)).isEqualTo(RunOverlay.BUFFERED);
        assertThat(store.latest().dispatch().inFlight()).isEqualTo(1);

        store.apply(due(1, DispatchTrigger.SCHEDULED));
        assertThat(store.latest().overlay(null)).isEqualTo(RunOverlay.DISPATCHED);

        Store superseded = new Store();
        superseded.apply(buffered());
        superseded.apply(skipped(SkipReason.SUPERSEDED));
        assertThat(superseded.latest().overlay(null)).isEqualTo(RunOverlay.SKIPPED);
        assertThat(superseded.latest().dispatch().reason()).isEqualTo(SkipReason.SUPERSEDED);
        superseded.apply(buffered());
        assertThat(superseded.latest().overlay(null)).as("the buffer, delivered again").isEqualTo(RunOverlay.SKIPPED);
    }

    @Test
    void missedShowsOverADispatchThatWaitedInVainButNotOverASkip() {
        store.apply(due(1, DispatchTrigger.SCHEDULED));
        store.apply(missed());
        assertThat(store.latest().overlay(null)).isEqualTo(RunOverlay.MISSED);
        assertThat(store.latest().showsMissed()).isTrue();
        assertThat(store.latest().shownRun().status()).isEqualTo(RunState.MISSED);

        Store skipped = new Store();
        skipped.apply(skipped(SkipReason.MAX_CONCURRENT));
        skipped.apply(missed());
        assertThat(skipped.latest().overlay(null)).isEqualTo(RunOverlay.SKIPPED);
        assertThat(skipped.latest().showsMissed()).isFalse();
        assertThat(skipped.latest().shownRun()).as("the missed state does not show").isNull();

        // A run reported after all outranks both.
        store.apply(started(1));
        assertThat(store.latest().overlay(null)).isEqualTo(RunOverlay.RUNNING);
    }

    @Test
    void aDecisionOutranksWhatTheRuleHoldsBackAndNoneLeavesItScheduled() {
        assertThat(LatestRun.NONE.overlay(null)).isEqualTo(RunOverlay.SCHEDULED);
        assertThat(LatestRun.NONE.overlay(RunOverlay.PAUSED)).isEqualTo(RunOverlay.PAUSED);

        store.apply(skipped(SkipReason.MAX_CONCURRENT));
        assertThat(store.latest().overlay(RunOverlay.PAUSED)).isEqualTo(RunOverlay.SKIPPED);
    }

    @Test
    void replayingTheWholeHistoryInAnyOrderGivesTheSameOverlay() {
        List<AlmanacEvent> history = List.of(due(1, DispatchTrigger.SCHEDULED), started(1),
                new RunTimedOut(OCCURRENCE, EventSamples.NIGHTLY, EventSamples.BALLROOM, 1, START, START.plusSeconds(600),
                        START.plusSeconds(601)),
                new RetryScheduled(OCCURRENCE, EventSamples.NIGHTLY, EventSamples.BALLROOM, 2, AttemptOutcome.TIMED_OUT,
                        START.plusSeconds(630), START.plusSeconds(601)),
                due(2, DispatchTrigger.RETRY), started(2), succeeded(2));
        history.forEach(store::apply);
        LatestRun live = store.latest();
        assertThat(live.overlay(null)).isEqualTo(RunOverlay.SUCCEEDED);
        assertThat(live.dispatch().attempt()).isEqualTo(2);

        history.forEach(store::apply);
        assertThat(store.latest()).as("replayed").isEqualTo(live);
        List<AlmanacEvent> reversed = new ArrayList<>(history);
        Collections.reverse(reversed);
        Store backwards = new Store();
        reversed.forEach(backwards::apply);
        assertThat(backwards.latest().overlay(null)).isEqualTo(RunOverlay.SUCCEEDED);
        assertThat(backwards.latest().shownRun().runId()).isEqualTo(live.shownRun().runId());
        assertThat(backwards.latest().dispatch()).isEqualTo(live.dispatch());
    }

    private static OccurrenceDue due(int attempt, DispatchTrigger trigger) {
        Instant dueAt = START.plusSeconds(60L * (attempt - 1));
        OccurrenceDue sample = EventSamples.occurrenceDue();
        return new OccurrenceDue(OCCURRENCE, EventSamples.NIGHTLY, 2, EventSamples.BALLROOM, sample.title(), START, dueAt, attempt,
                trigger, sample.jobTemplate(), dueAt, dueAt.plusSeconds(600), null);
    }

    private static OccurrenceSkipped skipped(SkipReason reason) {
        return new OccurrenceSkipped(OCCURRENCE, EventSamples.NIGHTLY, 2, EventSamples.BALLROOM, START, reason, 1, START.plusSeconds(5));
    }

    private static OccurrenceBuffered buffered() {
        return new OccurrenceBuffered(OCCURRENCE, EventSamples.NIGHTLY, 2, EventSamples.BALLROOM, START, 1, START);
    }

    private static OccurrenceMissed missed() {
        return new OccurrenceMissed(OCCURRENCE, EventSamples.NIGHTLY, 2, EventSamples.BALLROOM, START, START, START.plusSeconds(900),
                START.plusSeconds(360), null);
    }

    private static RunStarted started(int attempt) {
        return new RunStarted(run(attempt), EventSamples.BALLROOM, EntryKind.OCCURRENCE, OCCURRENCE.value(), attempt,
                START.plusSeconds(60L * (attempt - 1) + 1), "worker-7");
    }

    private static RunSucceeded succeeded(int attempt) {
        return new RunSucceeded(run(attempt), EventSamples.BALLROOM, EntryKind.OCCURRENCE, OCCURRENCE.value(), attempt,
                START.plusSeconds(60L * (attempt - 1) + 30), "worker-7", "done");
    }

    private static RunFailed failed(int attempt) {
        return new RunFailed(run(attempt), EventSamples.BALLROOM, EntryKind.OCCURRENCE, OCCURRENCE.value(), attempt,
                START.plusSeconds(60L * (attempt - 1) + 30), "worker-7", "exit 1");
    }

    private static RunId run(int attempt) {
        return RunId.of("run-nightly-attempt-" + attempt);
    }

    /** Every order of three events. */
    private static List<List<AlmanacEvent>> orders(List<AlmanacEvent> three) {
        List<List<AlmanacEvent>> orders = new ArrayList<>();
        int[][] permutations = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] permutation : permutations) {
            orders.add(List.of(three.get(permutation[0]), three.get(permutation[1]), three.get(permutation[2])));
        }
        return orders;
    }

    /** The three documents the overlay reads, by collection and id, each applied only at a newer version. */
    private static final class Store {

        private static final List<EventDecider<List<EntityChange<?>>>> PROJECTORS = List.of(
                EventDecider.of("test/runs", new RunProjector()), EventDecider.of("test/dispatches", new DispatchProjector()));

        private final Map<String, Versioned> documents = new HashMap<>();

        /** At the version its topic gives it: a run's start 0 and its end 1; the dispatcher's decisions rank themselves. */
        void apply(AlmanacEvent event) {
            long version = event instanceof RunSucceeded || event instanceof RunFailed ? 1 : 0;
            for (EventDecider<List<EntityChange<?>>> projector : PROJECTORS) {
                if (projector.reads(EventCatalog.of(event).topic())
                        && projector.decide(Received.of(event, version)) instanceof Decision.Handle<List<EntityChange<?>>> handle) {
                    handle.work().forEach(this::apply);
                }
            }
        }

        @SuppressWarnings("unchecked")
        private <S extends Versioned> void apply(EntityChange<S> change) {
            String key = change.kind().collection() + "/" + change.id();
            S after = change.applyTo((S) documents.get(key));
            if (after != null) {
                documents.put(key, after);
            }
        }

        LatestRun latest() {
            return LatestRun.of((RunState) documents.get(Runs.ENTRY_RUNS + "/" + OCCURRENCE.value()),
                    (MissedRun) documents.get(Runs.MISSED_RUNS + "/" + OCCURRENCE.value()),
                    (DispatchState) documents.get(Runs.ENTRY_DISPATCHES + "/" + OCCURRENCE.value()));
        }
    }
}
