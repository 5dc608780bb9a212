package dev.almanac.dispatch.deliver;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.notification.CalendarNotificationPolicySet;
import dev.almanac.platform.json.AlmanacJson;

/**
 * Every calendar's notification policy, in a global store that each deliver task reads: policies are keyed by calendar and
 * notifications by user, so no partitioning brings the two together, and policies are few. The store keeps each record's
 * value as it is on {@value Topics#NOTIFICATION_POLICIES} (the topic's one event type), because Kafka Streams restores a
 * global store by copying the topic, not through this processor.
 */
final class CalendarPolicies {

    static final String STORE = "deliverer-calendar-policies";

    private static final Logger log = LoggerFactory.getLogger(CalendarPolicies.class);
    private static final JsonMapper JSON = AlmanacJson.eventMapper();

    private CalendarPolicies() {
    }

    static @Nullable CalendarNotificationPolicySet of(KeyValueStore<String, byte[]> store, @Nullable CalendarId calendarId) {
        if (calendarId == null) {
            return null;
        }
        byte[] value = store.get(calendarId.value());
        return value == null ? null : read(value);
    }

    private static @Nullable CalendarNotificationPolicySet read(byte[] value) {
        try {
            return JSON.readValue(value, CalendarNotificationPolicySet.class);
        } catch (RuntimeException unreadable) {
            log.warn("A calendar's notification policy does not read; it is ignored: {}", unreadable.getMessage());
            return null;
        }
    }

    /** Keeps the latest policy of each calendar, as the topic has it. */
    static final class Keeper implements Processor<String, byte[], Void, Void> {

        private @Nullable KeyValueStore<String, byte[]> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null || record.value() == null) {
                return;
            }
            if (read(record.value()) != null) {
                store.put(record.key(), record.value());
            }
        }
    }
}
