package dev.almanac.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * One series per Kafka topic. The Kafka clients report each per-topic metric of a topic whose name has periods twice:
 * under the name ({@code almanac.rules.v1}) and, deprecated, with the periods replaced by underscores
 * ({@code almanac_rules_v1}); a dashboard summing lag by topic counted it twice. No Almanac topic has an underscore in
 * its name ({@code almanac.<name>.v<n>}, an application's {@code <app>.<name>}, Kafka Streams' {@code <app>-<store>-changelog}),
 * so a Kafka meter whose topic has one is the deprecated copy, and is left out.
 */
final class KafkaTopicSeriesOnce implements MeterFilter {

    private static final String KAFKA_METERS = "kafka.";
    private static final String TOPIC = "topic";

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        String topic = id.getTag(TOPIC);
        return id.getName().startsWith(KAFKA_METERS) && topic != null && topic.indexOf('_') >= 0 ? MeterFilterReply.DENY
                : MeterFilterReply.NEUTRAL;
    }
}
