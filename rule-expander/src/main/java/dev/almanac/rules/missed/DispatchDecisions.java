package dev.almanac.rules.missed;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.dispatch.DispatchEvent;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.dispatch.OccurrenceBuffered;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.dispatch.OccurrenceSkipped;
import dev.almanac.events.dispatch.RetriesExhausted;
import dev.almanac.events.dispatch.RetryScheduled;
import dev.almanac.events.dispatch.RunTimedOut;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.dispatch.ReminderDue;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;

/**
 * rule-expander's decision for every event type of {@code almanac.dispatch.v1}. An occurrence the dispatcher skipped
 * by its rule's {@code max_concurrent} (or a buffered one superseded) was decided on purpose: it is recorded as
 * accounted for, like a run report, so the missed-run check never reports it missed nor runs it again by catch-up,
 * which would undo the rule's overlap policy. Every other decision leaves "missed" to the run reports.
 */
@Component
class DispatchDecisions implements DispatchEvent.Handler<Decision<Mono<?>>> {

    private static final String REPORTS_DECIDE = "the attempt was dispatched: the executor's run reports say whether it ran";

    private final RunReports reports;
    private final EventDecider<Mono<?>> decider;

    DispatchDecisions(RunReports reports) {
        this.reports = reports;
        this.decider = EventDecider.of("rule-expander", this);
    }

    EventDecider<Mono<?>> decider() {
        return decider;
    }

    @Override
    public Decision<Mono<?>> on(OccurrenceSkipped event, EventMetadata envelope) {
        return Decision.handle(Mono.defer(() -> reports.record(event.occurrenceId().value(), event.decidedAt())));
    }

    @Override
    public Decision<Mono<?>> on(OccurrenceDue event, EventMetadata envelope) {
        return Decision.ignore(REPORTS_DECIDE);
    }

    @Override
    public Decision<Mono<?>> on(DispatchMisfired event, EventMetadata envelope) {
        return Decision.ignore("a misfired occurrence never ran, and the check finds it missed");
    }

    @Override
    public Decision<Mono<?>> on(OccurrenceBuffered event, EventMetadata envelope) {
        return Decision.ignore("a buffered occurrence is dispatched or skipped later, and that decides");
    }

    @Override
    public Decision<Mono<?>> on(RunTimedOut event, EventMetadata envelope) {
        return Decision.ignore(REPORTS_DECIDE);
    }

    @Override
    public Decision<Mono<?>> on(RetryScheduled event, EventMetadata envelope) {
        return Decision.ignore(REPORTS_DECIDE);
    }

    @Override
    public Decision<Mono<?>> on(RetriesExhausted event, EventMetadata envelope) {
        return Decision.ignore(REPORTS_DECIDE);
    }

    @Override
    public Decision<Mono<?>> on(ReminderDue event, EventMetadata envelope) {
        return Decision.ignore("a reminder dispatches no run, so nothing can be missed of it");
    }
}
