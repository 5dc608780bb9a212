package dev.almanac.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.almanac.platform.web.PlatformDefaults;

/** A service's Prometheus registry, as Spring Boot builds it with the platform's defaults and auto-configuration. */
class ActuatorRequestsWithoutLatencyBucketsTest {

    private static final String API = "/api/v1/calendars";
    private static final String HEALTH = "/actuator/health";

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withInitializer(context -> new PlatformDefaults().postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
            .withPropertyValues("spring.application.name=a-service")
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    PrometheusMetricsExportAutoConfiguration.class, PlatformMetricsAutoConfiguration.class));

    @Test
    void actuatorRequestsKeepTheirCountAndSumButOnlyTheInfiniteBucketWhileApiRequestsKeepTheirs() {
        service.run(context -> {
            PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
            requestServed(registry, API);
            requestServed(registry, HEALTH);

            String scrape = registry.scrape();

            assertThat(series(scrape, "_bucket", HEALTH)).singleElement().asString().contains("le=\"+Inf\"").endsWith(" 1");
            assertThat(series(scrape, "_count", HEALTH)).singleElement().asString().endsWith(" 1");
            assertThat(series(scrape, "_sum", HEALTH)).singleElement().asString().endsWith(" 0.003");
            assertThat(series(scrape, "_bucket", API)).hasSizeGreaterThan(50)
                    .anySatisfy(bucket -> assertThat(bucket).contains("le=\"0.001\""))
                    .anySatisfy(bucket -> assertThat(bucket).contains("le=\"10.0\""));
        });
    }

    /** The runner above names the platform's configuration; a service finds it through this list. */
    @Test
    void isAnAutoConfigurationOfEveryService() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
                .contains(PlatformMetricsAutoConfiguration.class.getName());
    }

    /** Actuator timers with buckets beside API timers without them would be two types under one name. */
    @Test
    void whereRequestsPublishNoBucketsTheActuatorsAreLeftAsTheRest() {
        service.withPropertyValues("management.metrics.distribution.percentiles-histogram.http.server.requests=false").run(context -> {
            PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
            requestServed(registry, API);
            requestServed(registry, HEALTH);

            String scrape = registry.scrape();

            assertThat(series(scrape, "_count", HEALTH)).hasSize(1);
            assertThat(series(scrape, "_count", API)).hasSize(1);
            assertThat(scrape).doesNotContain("http_server_requests_seconds_bucket");
        });
    }

    /** As Spring's request observation records one: a timer of that name, tagged with the route's pattern. */
    private static void requestServed(PrometheusMeterRegistry registry, String uri) {
        Timer.builder(ActuatorRequestsWithoutLatencyBuckets.REQUESTS)
                .tags("method", "GET", "uri", uri, "status", "200", "outcome", "SUCCESS")
                .register(registry)
                .record(Duration.ofMillis(3));
    }

    private static List<String> series(String scrape, String suffix, String uri) {
        return scrape.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds" + suffix + "{"))
                .filter(line -> line.contains("uri=\"" + uri + "\""))
                .toList();
    }
}
