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

    @Test
    void countsARequestItCouldNotDecodeWithoutMethodRouteOrBackend() {
        metrics.requestUndecodable(431, System.nanoTime());

        assertThat(metrics.scrape().lines().filter(line -> line.startsWith("http_server_requests_seconds_count{")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("method=\"none\"", "uri=\"none\"", "backend=\"none\"",
                        "status=\"431\"", "outcome=\"CLIENT_ERROR\"", "service=\"gateway\""))
                .satisfies(line -> assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).isEqualTo(1));
    }
}
