package dev.almanac.conflicts.intake;

import java.util.Objects;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.conflicts.calendar.CalendarAccessCopies;

/**
 * Keeps the global store of every calendar's access ({@link CalendarAccessCopies}) from its topic, on the
 * global thread, both live and when the store is rebuilt (Kafka Streams passes every record of the topic
 * through this processor then, not only the raw bytes). A global processor has no dead-letter topic and its
 * failure would stop the whole client, so a record it cannot read is logged and skipped: only this service
 * writes the topic, and the calendar's next change, or a re-scan, copies its access again.
 */
final class CalendarAccessKeeper implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(CalendarAccessKeeper.class);

    private @Nullable CalendarAccessCopies copies;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(CalendarAccessCopies.STORE);
        copies = new CalendarAccessCopies(store);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        CalendarAccessCopies copies = Objects.requireNonNull(this.copies, "processor not initialised");
        if (record.value() == null) {
            return;
        }
        CalendarAccessCopies.AccessRecord access;
        try {
            access = CalendarAccessCopies.decode(record.value());
        } catch (RuntimeException unreadable) {
            log.warn("Skipping an unreadable calendar access record keyed {}: {}", record.key(), unreadable.getMessage());
            return;
        }
        copies.apply(access, record.value());
    }
}
