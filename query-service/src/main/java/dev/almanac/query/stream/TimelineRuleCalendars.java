package dev.almanac.query.stream;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.stereotype.Component;

import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.occurrence.RuleTimelines;

/**
 * The calendars a record of the rules topic changes (ADR 0068): every calendar the rule's occurrences land on, as the last
 * rule snapshot holds it (no read), and, for a creation or an update, the queue it names, which the snapshot may not know
 * yet. Only those two are decoded; the rules topic carries a few records per rule.
 */
@Component
class TimelineRuleCalendars implements RuleCalendars {

    private static final String CREATED = EventCatalog.of(RuleCreated.class).ceType();
    private static final String UPDATED = EventCatalog.of(RuleUpdated.class).ceType();

    private final RuleTimelines timelines;
    private final EventCodec codec;

    TimelineRuleCalendars(RuleTimelines timelines, EventCodec codec) {
        this.timelines = timelines;
        this.codec = codec;
    }

    @Override
    public Set<String> of(ConsumerRecord<String, byte[]> record) {
        Set<String> calendars = new HashSet<>(timelines.latest().calendarsOf(record.key()));
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        String ceType = type == null || type.value() == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
        if (ceType.equals(CREATED) || ceType.equals(UPDATED)) {
            try {
                ReceivedEvent received = codec.fromRecord(record);
                if (received.event() instanceof RuleCreated created) {
                    calendars.add(created.calendarId().value());
                } else if (received.event() instanceof RuleUpdated updated) {
                    calendars.add(updated.calendarId().value());
                }
            } catch (RuntimeException undecodable) {
                // The projection dead-letters it; it changes no calendar.
            }
        }
        return calendars;
    }
}
