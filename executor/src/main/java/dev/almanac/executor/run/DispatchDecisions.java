package dev.almanac.executor.run;

import dev.almanac.events.dispatch.DispatchEvent;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.HttpTarget;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;

/**
 * The executor's decision for every type of {@code almanac.dispatch.v1}: a due attempt of an http job is a job to run
 * (one whose target cannot work is run to a failure that says why); a job of another type is another executor's; a
 * misfire asks nothing of an executor.
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
}
