package dev.almanac.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Takes the latency buckets off the actuator's own requests (health probes, Prometheus' scrapes): some sixty series
 * per route and status that no dashboard or alert reads, since they all leave {@code /actuator} out. Their timers keep
 * count, sum and max.
 *
 * <p>They keep one bucket, {@code +Inf}, rather than none: Prometheus gives a name one type, and a timer without buckets
 * is a summary, which the text writer cannot put beside the API's histograms of {@code http.server.requests} (every
 * scrape of the service would fail).
 */
final class ActuatorRequestsWithoutLatencyBuckets implements MeterFilter {

    static final String REQUESTS = "http.server.requests";
    private static final String ACTUATOR = "/actuator";

    private static final DistributionStatisticConfig ONLY_THE_INFINITE_BUCKET = DistributionStatisticConfig.builder()
            .percentilesHistogram(false)
            .serviceLevelObjectives(Double.POSITIVE_INFINITY)
            .build();

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        String uri = id.getTag("uri");
        // Where the requests publish no histogram, the actuator's stay as they are: the same type as the rest.
        if (!REQUESTS.equals(id.getName()) || uri == null || !uri.startsWith(ACTUATOR)
                || !Boolean.TRUE.equals(config.isPercentileHistogram())) {
            return config;
        }
        return ONLY_THE_INFINITE_BUCKET.merge(config);
    }
}
