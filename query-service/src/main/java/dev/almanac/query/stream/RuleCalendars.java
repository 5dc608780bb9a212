package dev.almanac.query.stream;

import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The calendars a record of the rules topic changes: those its rule's occurrences land on ({@link TimelineRuleCalendars}). */
@FunctionalInterface
interface RuleCalendars {

    Set<String> of(ConsumerRecord<String, byte[]> record);
}
