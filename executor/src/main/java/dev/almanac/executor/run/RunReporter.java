package dev.almanac.executor.run;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.Identifiers;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.run.RunEvent;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunId;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.platform.kafka.EventPublisher;

/**
 * Reports one attempt's run on {@code almanac.runs.v1}, keyed by its calendar, as an executor that speaks Kafka does:
 * the run is named by its occurrence and attempt, as command-service names a run reported over HTTP without an id;
 * its start is version 0 and its end version 1, each with an id derived from the run and what is reported, so that a
 * report sent again after a crash is the same record. A heartbeat rule's run (ADR 0073) is named, as command-service
 * names one reported over HTTP, by the rule and the instant it is reported at: each report is a run of its own, which
 * succeeds at once (version 0).
 */
public final class RunReporter {

    public static final String SOURCE = "/almanac/executor";

    private final EventPublisher publisher;
    private final String executor;

    public RunReporter(EventPublisher publisher, String executor) {
        this.publisher = publisher;
        this.executor = executor;
    }

    public static RunId runOf(OccurrenceDue due) {
        return RunId.of(EntryKind.OCCURRENCE, due.occurrenceId().value(), due.attempt());
    }

    public CompletableFuture<?> started(OccurrenceDue due, EventMetadata dispatch, Instant at) {
        return publish(new RunStarted(runOf(due), due.calendarId(), EntryKind.OCCURRENCE, due.occurrenceId().value(), due.attempt(), at,
                executor), 0, dispatch);
    }

    public CompletableFuture<?> finished(OccurrenceDue due, EventMetadata dispatch, boolean succeeded, Instant at, @Nullable String message) {
        RunId run = runOf(due);
        RunEvent event = succeeded
                ? new RunSucceeded(run, due.calendarId(), EntryKind.OCCURRENCE, due.occurrenceId().value(), due.attempt(), at, executor, message)
                : new RunFailed(run, due.calendarId(), EntryKind.OCCURRENCE, due.occurrenceId().value(), due.attempt(), at, executor, message);
        return publish(event, 1, dispatch);
    }

    /** Reports that the system behind heartbeat rule {@code ruleId}, on calendar {@code calendarId}, is alive at {@code at}. */
    public CompletableFuture<?> alive(RuleId ruleId, CalendarId calendarId, Instant at) {
        RunId run = RunId.of(EntryKind.RULE, ruleId.value() + "@" + at, 1);
        RunSucceeded beat = new RunSucceeded(run, calendarId, EntryKind.RULE, ruleId.value(), 1, at, executor, "alive");
        // Nothing caused it but the executor's own clock: the run is its own correlation.
        return publish(beat, 0, run.value(), null, null);
    }

    private CompletableFuture<?> publish(RunEvent event, long version, EventMetadata dispatch) {
        return publish(event, version, dispatch.correlationId(), dispatch.traceparent(), dispatch.id());
    }

    private CompletableFuture<?> publish(RunEvent event, long version, String correlationId, @Nullable String traceparent,
                                         @Nullable String causationId) {
        String type = EventCatalog.of(event).ceType();
        Instant time = event instanceof RunStarted started ? started.startedAt()
                : event instanceof RunSucceeded succeeded ? succeeded.finishedAt() : ((RunFailed) event).finishedAt();
        EventMetadata envelope = new EventMetadata(Identifiers.derive("run-report", event.runId().value(), type), type, SOURCE, time,
                event.subject(), version, executor, correlationId, traceparent, causationId);
        return publisher.publish(envelope, event);
    }
}
