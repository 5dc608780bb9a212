package dev.almanac.conflicts.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.calendar.CalendarAccessCopies;
import dev.almanac.conflicts.command.CommandTopics;
import dev.almanac.conflicts.intake.LinkSides;
import dev.almanac.conflicts.intake.ResourceBookings;
import dev.almanac.conflicts.intake.RulesByScope;
import dev.almanac.events.Topics;

class StreamsConfigurationTest {

    @Test
    void processingIsExactlyOnceWithBoundedRocksDbUnlessConfiguredOtherwise() {
        Properties defaults = StreamsConfiguration.streamsProperties(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "conflict-detector"));
        Properties configured = StreamsConfiguration.streamsProperties(Map.of(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));

        assertThat(defaults)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "conflict-detector")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
        assertThat(configured).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    }

    @Test
    void theClientStartsOnceItsInputsOutputsAndDeadLetterTopicsExist() {
        assertThat(StreamsConfiguration.topics()).containsExactlyInAnyOrder(
                Topics.CALENDARS, Topics.SCHEDULE, Topics.MISSED_RUNS, Topics.CONFLICTS,
                Topics.deadLetter(Topics.CALENDARS), Topics.deadLetter(Topics.SCHEDULE), Topics.deadLetter(Topics.MISSED_RUNS),
                CommandTopics.COMMANDS, CommandTopics.OUTCOMES, Topics.deadLetter(CommandTopics.COMMANDS),
                ResourceBookings.TOPIC, Topics.deadLetter(ResourceBookings.TOPIC), LinkSides.TOPIC, Topics.deadLetter(LinkSides.TOPIC),
                CalendarAccessCopies.TOPIC, Topics.RULES, Topics.deadLetter(Topics.RULES), RulesByScope.TOPIC,
                Topics.deadLetter(RulesByScope.TOPIC));
    }
}
