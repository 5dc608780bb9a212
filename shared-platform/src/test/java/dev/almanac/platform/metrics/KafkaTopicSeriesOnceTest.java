package dev.almanac.platform.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.almanac.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaTopicSeriesOnceTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    KafkaTopicSeriesOnceTest() {
        registry.config().meterFilter(new KafkaTopicSeriesOnce());
    }

    @Test
    void aKafkaTopicsDeprecatedUnderscoreCopyIsLeftOutAndItsNameKept() {
        registry.gauge("kafka.consumer.fetch.manager.records.lag", io.micrometer.core.instrument.Tags.of("topic", "almanac.rules.v1", "partition", "0"), 3);
        registry.gauge("kafka.consumer.fetch.manager.records.lag", io.micrometer.core.instrument.Tags.of("topic", "almanac_rules_v1", "partition", "0"), 3);
        registry.gauge("kafka.consumer.fetch.manager.records.lag", io.micrometer.core.instrument.Tags.of("topic", "dispatcher-notifier-notifier-directory-changelog",
                "partition", "0"), 1);

        assertThat(registry.find("kafka.consumer.fetch.manager.records.lag").gauges()).extracting(gauge -> gauge.getId().getTag("topic"))
                .containsExactlyInAnyOrder("almanac.rules.v1", "dispatcher-notifier-notifier-directory-changelog");
    }

    @Test
    void otherMetersWithAnUnderscoreInATopicTagAreKept() {
        registry.counter("almanac.dead.letters", "topic", "some_topic").increment();

        assertThat(registry.find("almanac.dead.letters").counters()).hasSize(1);
    }

    /** The rule the filter stands on: an underscore in a topic's name would leave its Kafka series out. */
    @Test
    void noAlmanacTopicHasAnUnderscoreInItsName() {
        assertThat(Topics.ALL).allSatisfy(topic -> assertThat(topic).doesNotContain("_"));
        assertThat(Topics.ALL.stream().map(Topics::deadLetter)).allSatisfy(topic -> assertThat(topic).doesNotContain("_"));
    }
}
