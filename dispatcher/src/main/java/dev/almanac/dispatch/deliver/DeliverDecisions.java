package dev.almanac.dispatch.deliver;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.notification.NotificationEvent;
import dev.almanac.events.notification.NotificationPreferencesEvent;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;

/** The deliverer's decision for every type of the topics it reads: a notification to deliver, preferences to keep. */
final class DeliverDecisions implements NotificationEvent.Handler<Decision<AlmanacEvent>>,
        NotificationPreferencesEvent.Handler<Decision<AlmanacEvent>> {

    static final EventDecider<AlmanacEvent> DECIDER = EventDecider.of("dispatcher/deliverer", new DeliverDecisions());

    private DeliverDecisions() {
    }

    @Override
    public Decision<AlmanacEvent> on(NotificationRaised event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(NotificationPreferencesSet event, EventMetadata envelope) {
        return Decision.handle(event);
    }
}
