package dev.almanac.query.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.almanac.events.Topics;

class StreamPositionsTest {

    @Test
    void decodesWhatItEncodes() {
        StreamPositions positions = new StreamPositions(Map.of(new TopicPartition(Topics.SCHEDULE, 2), 1042L,
                new TopicPartition(Topics.MISSED_RUNS, 0), 0L, new TopicPartition(Topics.CONFLICTS, 11), 999_999_999_999_999_999L));

        String token = positions.encode();

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(StreamPositions.decode(token)).contains(positions);
    }

    @Test
    void encodesTheSamePositionsTheSameWay() {
        Map<TopicPartition, Long> offsets = Map.of(new TopicPartition(Topics.SCHEDULE, 0), 5L, new TopicPartition(Topics.RUNS, 1), 7L);

        assertThat(new StreamPositions(offsets).encode()).isEqualTo(new StreamPositions(Map.copyOf(offsets)).encode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "MXw", "MnxzOjA6MQ", "1|s:0:1", "%%%"})
    void refusesWhatItDidNotMake(String text) {
        assertThat(StreamPositions.decode(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1|q:0:1", "1|s:0:1,s:0:2", "1|s:0:-1", "1|s:0:1,", "1|s:a:1", "2|s:0:1", "1|s:0:1234567890123456789"})
    void refusesPlainTextsThatAreNotPositions(String plain) {
        assertThat(StreamPositions.decode(encoded(plain))).isEmpty();
    }

    @Test
    void refusesTextsLongerThanAnyPositionsItMakes() {
        assertThat(StreamPositions.decode("A".repeat(StreamPositions.MAX_LENGTH + 1))).isEmpty();
    }

    private static String encoded(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
