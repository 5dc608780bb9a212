package dev.almanac.tools.dltreplay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.support.KafkaHeaders;

import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.platform.kafka.DeadLetterExceptions;
import dev.almanac.platform.kafka.PoisonMessageException;

/**
 * A record of a dead-letter topic, read through the headers that spring-kafka's
 * {@code DeadLetterPublishingRecoverer} writes and conflict-detector's processors write alike.
 * A header that is missing reads as null.
 */
record DeadLetter(
        ConsumerRecord<byte[], byte[]> record,
        @Nullable String originalTopic,
        @Nullable Integer originalPartition,
        @Nullable Long originalOffset,
        @Nullable Instant originalTimestamp,
        @Nullable String consumerGroup,
        @Nullable String exceptionClass,
        @Nullable String causeClass,
        @Nullable String message,
        @Nullable String causes,
        @Nullable String stackTrace) {

    /** Every header spring-kafka writes on a dead letter starts so (conflict-detector writes the same ones). */
    static final String DLT_HEADER_PREFIX = KafkaHeaders.PREFIX + "dlt-";

    private static final Pattern CAUSED_BY = Pattern.compile("^Caused by: ([\\w.$]+)", Pattern.MULTILINE);
    private static final int MESSAGE_SHOWN = 300;

    /** What a dead letter carries beside the record as first published: spring-kafka's headers and Almanac's own. */
    static boolean isDeadLetterHeader(String key) {
        return key.startsWith(DLT_HEADER_PREFIX) || key.equals(DeadLetterExceptions.CAUSES);
    }

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        byte[] partition = bytes(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION);
        byte[] offset = bytes(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET);
        byte[] timestamp = bytes(headers, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
        return new DeadLetter(record,
                text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC),
                partition != null && partition.length == Integer.BYTES ? ByteBuffer.wrap(partition).getInt() : null,
                offset != null && offset.length == Long.BYTES ? ByteBuffer.wrap(offset).getLong() : null,
                timestamp != null && timestamp.length == Long.BYTES ? Instant.ofEpochMilli(ByteBuffer.wrap(timestamp).getLong()) : null,
                text(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP),
                text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN),
                text(headers, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN),
                text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                text(headers, DeadLetterExceptions.CAUSES),
                text(headers, KafkaHeaders.DLT_EXCEPTION_STACKTRACE));
    }

    /**
     * The failure's classes, outermost first: the exception, its cause, its cause chain's classes (ADR 0086), and every
     * "Caused by" of the stack trace a dead letter written before it carries.
     */
    List<String> exceptionClasses() {
        List<String> classes = new ArrayList<>();
        if (exceptionClass != null) {
            classes.add(exceptionClass);
        }
        if (causeClass != null) {
            classes.add(causeClass);
        }
        if (causes != null) {
            classes.addAll(List.of(causes.split(" <- ")));
        }
        if (stackTrace != null) {
            Matcher causedBy = CAUSED_BY.matcher(stackTrace);
            while (causedBy.find()) {
                classes.add(causedBy.group(1));
            }
        }
        return classes;
    }

    /** As shared-platform's recoverer counts it: poison when a {@link PoisonMessageException} is anywhere in the failure. */
    boolean poison() {
        return exceptionClasses().contains(PoisonMessageException.class.getName());
    }

    String where() {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** Two lines: where it is and came from, when, which consumer, key and event; then the failure. */
    String describe() {
        String key = record.key() == null ? "(none)" : new String(record.key(), StandardCharsets.UTF_8);
        return where() + " from " + orDash(originalTopic) + "-" + orDash(originalPartition) + "@" + orDash(originalOffset)
                + ", record time " + orDash(originalTimestamp) + ", dead-lettered " + Instant.ofEpochMilli(record.timestamp())
                + " by " + orDash(consumerGroup) + " (" + (poison() ? "poison" : "error") + ")"
                + ", key " + key
                + ", ce_type " + orDash(text(record.headers(), CloudEventHeaders.TYPE))
                + ", ce_id " + orDash(text(record.headers(), CloudEventHeaders.ID))
                + "\n    " + orDash(exceptionClass) + (causeClass == null ? "" : " (cause " + causeClass + ")")
                + ": " + shortened(message);
    }

    private static String shortened(@Nullable String message) {
        String line = orDash(message).replaceAll("\\s+", " ").strip();
        return line.length() <= MESSAGE_SHOWN ? line : line.substring(0, MESSAGE_SHOWN) + "…";
    }

    private static String orDash(@Nullable Object value) {
        return value == null ? "-" : value.toString();
    }

    private static byte @Nullable [] bytes(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : header.value();
    }

    private static @Nullable String text(Headers headers, String name) {
        byte[] value = bytes(headers, name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
