package dev.almanac.conflicts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

import dev.almanac.platform.kafka.DeadLetterExceptions;

/** The headers and time of a dead letter, which must read as spring-kafka's recoverer writes them. */
class DeadLettersTest {

    private static final long PUBLISHED = 1_700_000_000_000L;
    private static final long SET_ASIDE = 1_700_000_600_000L;

    @Test
    void isTimestampedWhenSetAsideAndKeepsThePublishedTimeInItsHeader() {
        Record<String, byte[]> letter = deadLetter(new IllegalArgumentException("end before start"));

        assertThat(letter.timestamp()).isEqualTo(SET_ASIDE);
        assertThat(ByteBuffer.wrap(letter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP).value()).getLong()).isEqualTo(PUBLISHED);
        assertThat(text(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("end before start");
        assertThat(text(letter, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo("conflict-detector");
    }

    @Test
    void leavesTheMessageHeaderOutForAFailureWithoutAMessageAsSpringKafkaDoes() {
        Record<String, byte[]> letter = deadLetter(new NullPointerException());

        assertThat(letter.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNull();
        assertThat(text(letter, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(NullPointerException.class.getName());
    }

    @Test
    void carriesTheCauseChainsClassesAndABoundedMessageButNoStackTrace() {
        String long_ = "x".repeat(5_000);
        Record<String, byte[]> letter = deadLetter(new IllegalStateException("wrapped", new IllegalArgumentException(long_)));

        assertThat(letter.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).isNull();
        assertThat(text(letter, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(IllegalStateException.class.getName());
        assertThat(text(letter, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(text(letter, DeadLetterExceptions.CAUSES))
                .isEqualTo(IllegalStateException.class.getName() + " <- " + IllegalArgumentException.class.getName());
        assertThat(text(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).startsWith("wrapped; caused by: xxx")
                .hasSize(DeadLetterExceptions.MAX_MESSAGE);
        assertThat(text(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).doesNotContain("\tat ");
    }

    private static Record<String, byte[]> deadLetter(RuntimeException failure) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "conflict-detector");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<String, byte[]> task = new MockProcessorContext<>(config);
        task.setRecordMetadata("almanac.schedule.v1", 2, 41);
        task.setCurrentSystemTimeMs(SET_ASIDE);
        Record<String, byte[]> failed = new Record<>("item-1", "{}".getBytes(StandardCharsets.UTF_8), PUBLISHED, new RecordHeaders());
        return DeadLetters.of(task, failed, task.recordMetadata().orElseThrow(), failure);
    }

    private static String text(Record<String, byte[]> letter, String header) {
        return new String(letter.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }
}
