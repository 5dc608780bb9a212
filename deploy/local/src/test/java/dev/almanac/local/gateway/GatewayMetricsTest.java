package dev.almanac.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.almanac.local.monitoring.MonitoringFiles;

class GatewayMetricsTest {

    private final GatewayMetrics metrics = new GatewayMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    /**
     * DashboardsAndAlertsTest checks the gateway's dashboard against monitoring/gateway.metrics, so every name
     * listed there must be one the gateway serves once it has answered a request.
     */
    @Test
    void servesEveryMetricNameItsDashboardIsCheckedAgainst() {
        metrics.requestServed("GET", "/api/v1", "query-service", 200, System.nanoTime());

        assertThat(MonitoringFiles.metricNames(metrics.scrape()))
                .containsAll(MonitoringFiles.namesOnFile(MonitoringFiles.GATEWAY));
    }
}
