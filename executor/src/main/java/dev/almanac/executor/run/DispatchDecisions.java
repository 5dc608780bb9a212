package dev.almanac.executor.run;

import dev.almanac.events.dispatch.DispatchEvent;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.dispatch.OccurrenceBuffered;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.dispatch.OccurrenceSkipped;
import dev.almanac.events.dispatch.RetriesExhausted;
import dev.almanac.events.dispatch.RetryScheduled;
import dev.almanac.events.dispatch.RunTimedOut;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.HttpTarget;
import dev.almanac.events.dispatch.ReminderDue;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;

/**
 * The executor's decision for every type of {@code almanac.dispatch.v1}: a due attempt of an http job is a job to run
 * (one whose target cannot work is run to a failure that says why); a job of another type is another executor's; the
 * dispatcher's other decisions (misfires, skips, buffers, timeouts, retries) ask nothing of an executor.
 */
public final class DispatchDecisions implements DispatchEvent.Handler<Decision<Job>> {

    private final EventDecider<Job> decider = EventDecider.of("executor", this);

    public EventDecider<Job> decider() {
        return decider;
    }

    @Override
    public Decision<Job> on(OccurrenceDue event, EventMetadata envelope) {
        try {
            return HttpTarget.of(event.jobTemplate())
                    .map(target -> Decision.handle(new Job(event, envelope, target, null)))
                    .orElseGet(() -> Decision.ignore("a " + event.jobTemplate().type() + " job is for another executor"));
        } catch (HttpTarget.Invalid invalid) {
            return Decision.handle(new Job(event, envelope, null, invalid.field() + ": " + invalid.getMessage()));
        }
    }

    @Override
    public Decision<Job> on(DispatchMisfired event, EventMetadata envelope) {
        return Decision.ignore("a misfire is not dispatched");
    }

    @Override
    public Decision<Job> on(OccurrenceSkipped event, EventMetadata envelope) {
        return Decision.ignore("a skipped occurrence is not dispatched");
    }

    @Override
    public Decision<Job> on(OccurrenceBuffered event, EventMetadata envelope) {
        return Decision.ignore("a buffered occurrence is dispatched later, as an OccurrenceDue");
    }

    @Override
    public Decision<Job> on(RunTimedOut event, EventMetadata envelope) {
        return Decision.ignore("a timeout is the dispatcher's record; a retry comes as an OccurrenceDue");
    }

    @Override
    public Decision<Job> on(RetryScheduled event, EventMetadata envelope) {
        return Decision.ignore("a retry comes as an OccurrenceDue when it is due");
    }

    @Override
    public Decision<Job> on(RetriesExhausted event, EventMetadata envelope) {
        return Decision.ignore("nothing is left to run");
    }

    @Override
    public Decision<Job> on(ReminderDue event, EventMetadata envelope) {
        return Decision.ignore("a reminder is for a person, not a job to run");
    }
}
