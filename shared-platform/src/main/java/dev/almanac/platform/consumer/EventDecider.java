package dev.almanac.platform.consumer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.audit.AuditEvent;
import dev.almanac.events.calendar.CalendarEvent;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.TopicContract;
import dev.almanac.events.conflict.ConflictEvent;
import dev.almanac.events.dispatch.DispatchEvent;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.notification.NotificationDeliveryEvent;
import dev.almanac.events.notification.NotificationEvent;
import dev.almanac.events.notification.NotificationPolicyEvent;
import dev.almanac.events.notification.NotificationPreferencesEvent;
import dev.almanac.events.occurrence.OccurrenceEvent;
import dev.almanac.events.subscription.CalendarSubscriptionEvent;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.run.RunEvent;
import dev.almanac.events.schedule.ScheduleEvent;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * One consumer's decisions over the topics it reads. {@code handler} implements the
 * {@code Handler<Decision<W>>} interface of each topic it reads ({@code ScheduleEvent.Handler}
 * and so on), so the compiler makes it decide every type of those topics. An event of any other
 * topic has no decision here; it is refused as poison, which sends it to the dead-letter topic
 * with that reason, never to a log line.
 *
 * @param <W> the consumer's unit of work
 */
public final class EventDecider<W> {

    private final String consumer;
    private final Object handler;
    private final Set<String> topics;

    private EventDecider(String consumer, Object handler, Set<String> topics) {
        this.consumer = consumer;
        this.handler = handler;
        this.topics = topics;
    }

    /**
     * @param consumer names the consumer in dead-letter reasons and metrics, for example {@code query-service/entries}
     * @param handler  implements the topic handlers, each returning {@code Decision<W>}
     */
    public static <W> EventDecider<W> of(String consumer, Object handler) {
        Set<String> topics = TopicHandlers.topicsHandledBy(handler);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException(handler.getClass().getName() + " implements no topic's Handler interface");
        }
        return new EventDecider<>(consumer, handler, topics);
    }

    public String consumer() {
        return consumer;
    }

    /** The topics whose every event type this consumer decides. */
    public Set<String> topics() {
        return topics;
    }

    public boolean reads(String topic) {
        return topics.contains(topic);
    }

    /**
     * @throws PoisonMessageException when this consumer has no decision for the event's type
     */
    public Decision<W> decide(ReceivedEvent received) {
        return decide(received.event(), received.metadata());
    }

    /**
     * @throws PoisonMessageException when this consumer has no decision for the event's type
     */
    @SuppressWarnings("unchecked")
    public Decision<W> decide(AlmanacEvent event, EventMetadata envelope) {
        Object decision = TopicHandlers.dispatch(event, envelope, handler);
        if (decision == TopicHandlers.NOT_READ) {
            throw new PoisonMessageException(consumer + " has no decision for " + event.getClass().getSimpleName()
                    + ": it does not read the topic of that event");
        }
        if (!(decision instanceof Decision<?>)) {
            throw new PoisonMessageException(consumer + " has no decision for " + event.getClass().getSimpleName()
                    + ": its handler answered " + decision);
        }
        return (Decision<W>) decision;
    }

    /**
     * The dispatch from an event to its topic's handler interface. It is closed over the
     * catalogue's topics; {@code EventDeciderTest} proves it covers every one of them.
     */
    static final class TopicHandlers {

        static final Object NOT_READ = new Object();

        private static final Map<Class<?>, Class<?>> HANDLER_BY_EVENTS = handlers();

        private TopicHandlers() {
        }

        private static Map<Class<?>, Class<?>> handlers() {
            Map<Class<?>, Class<?>> handlers = new LinkedHashMap<>();
            handlers.put(CalendarEvent.class, CalendarEvent.Handler.class);
            handlers.put(ScheduleEvent.class, ScheduleEvent.Handler.class);
            handlers.put(RuleEvent.class, RuleEvent.Handler.class);
            handlers.put(RunEvent.class, RunEvent.Handler.class);
            handlers.put(OccurrenceEvent.class, OccurrenceEvent.Handler.class);
            handlers.put(ConflictEvent.class, ConflictEvent.Handler.class);
            handlers.put(DispatchEvent.class, DispatchEvent.Handler.class);
            handlers.put(NotificationEvent.class, NotificationEvent.Handler.class);
            handlers.put(NotificationPreferencesEvent.class, NotificationPreferencesEvent.Handler.class);
            handlers.put(NotificationDeliveryEvent.class, NotificationDeliveryEvent.Handler.class);
            handlers.put(NotificationPolicyEvent.class, NotificationPolicyEvent.Handler.class);
            handlers.put(AuditEvent.class, AuditEvent.Handler.class);
            handlers.put(CalendarSubscriptionEvent.class, CalendarSubscriptionEvent.Handler.class);
            return Map.copyOf(handlers);
        }

        static Set<String> topicsHandledBy(Object handler) {
            return EventCatalog.topics().stream()
                    .filter(contract -> handlerOf(contract).isInstance(handler))
                    .map(TopicContract::topic)
                    .collect(Collectors.toUnmodifiableSet());
        }

        static Class<?> handlerOf(TopicContract contract) {
            Class<?> handler = HANDLER_BY_EVENTS.get(contract.events());
            if (handler == null) {
                throw new IllegalStateException("no dispatch for topic " + contract.topic() + " (" + contract.events().getName() + ")");
            }
            return handler;
        }

        /** The handler's answer, or {@link #NOT_READ} when the handler does not read the event's topic. */
        static Object dispatch(AlmanacEvent event, EventMetadata envelope, Object handler) {
            if (event instanceof CalendarEvent calendar && handler instanceof CalendarEvent.Handler<?> decide) {
                return calendar.accept(decide, envelope);
            }
            if (event instanceof ScheduleEvent schedule && handler instanceof ScheduleEvent.Handler<?> decide) {
                return schedule.accept(decide, envelope);
            }
            if (event instanceof RuleEvent rule && handler instanceof RuleEvent.Handler<?> decide) {
                return rule.accept(decide, envelope);
            }
            if (event instanceof RunEvent run && handler instanceof RunEvent.Handler<?> decide) {
                return run.accept(decide, envelope);
            }
            if (event instanceof OccurrenceEvent occurrence && handler instanceof OccurrenceEvent.Handler<?> decide) {
                return occurrence.accept(decide, envelope);
            }
            if (event instanceof ConflictEvent conflict && handler instanceof ConflictEvent.Handler<?> decide) {
                return conflict.accept(decide, envelope);
            }
            if (event instanceof DispatchEvent dispatch && handler instanceof DispatchEvent.Handler<?> decide) {
                return dispatch.accept(decide, envelope);
            }
            if (event instanceof NotificationEvent notification && handler instanceof NotificationEvent.Handler<?> decide) {
                return notification.accept(decide, envelope);
            }
            if (event instanceof NotificationPreferencesEvent preferences && handler instanceof NotificationPreferencesEvent.Handler<?> decide) {
                return preferences.accept(decide, envelope);
            }
            if (event instanceof NotificationDeliveryEvent delivery && handler instanceof NotificationDeliveryEvent.Handler<?> decide) {
                return delivery.accept(decide, envelope);
            }
            if (event instanceof NotificationPolicyEvent policy && handler instanceof NotificationPolicyEvent.Handler<?> decide) {
                return policy.accept(decide, envelope);
            }
            if (event instanceof AuditEvent audit && handler instanceof AuditEvent.Handler<?> decide) {
                return audit.accept(decide, envelope);
            }
            if (event instanceof CalendarSubscriptionEvent subscription && handler instanceof CalendarSubscriptionEvent.Handler<?> decide) {
                return subscription.accept(decide, envelope);
            }
            return NOT_READ;
        }
    }
}
