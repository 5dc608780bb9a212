package dev.almanac.rules.missed;

import java.time.Instant;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.EntryKind;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.run.RunEvent;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;

/**
 * rule-expander's decision for every event type of {@code almanac.runs.v1}: each report of a run of
 * an occurrence is recorded, whatever its outcome (a failed run ran: it is not missed); a report of
 * an item's run is about no rule, and is let through unrecorded.
 */
@Component
class RunEvents implements RunEvent.Handler<Decision<Mono<?>>> {

    private final RunReports reports;
    private final EventDecider<Mono<?>> decider;

    RunEvents(RunReports reports) {
        this.reports = reports;
        this.decider = EventDecider.of("rule-expander", this);
    }

    EventDecider<Mono<?>> decider() {
        return decider;
    }

    @Override
    public Decision<Mono<?>> on(RunStarted event, EventMetadata envelope) {
        return Decision.handle(record(event, event.startedAt()));
    }

    @Override
    public Decision<Mono<?>> on(RunSucceeded event, EventMetadata envelope) {
        return Decision.handle(record(event, event.finishedAt()));
    }

    @Override
    public Decision<Mono<?>> on(RunFailed event, EventMetadata envelope) {
        return Decision.handle(record(event, event.finishedAt()));
    }

    private Mono<?> record(RunEvent event, Instant at) {
        return event.entryKind() == EntryKind.OCCURRENCE ? Mono.defer(() -> reports.record(event.entryId(), at)) : Mono.empty();
    }
}
