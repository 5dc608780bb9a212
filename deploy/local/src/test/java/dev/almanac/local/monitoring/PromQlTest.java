package dev.almanac.local.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheMetricsButNotFunctionsKeywordsLabelsOrDurations() {
        String expression = "sum by (service, instance) (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m] offset 1h))"
                + " / on (service) group_left (pool) sum without (uri) (rate(http_server_requests_seconds_count[$__rate_interval]))"
                + " > bool 0.05 and up unless absent(almanac_relay_events_total) or vector(1)";

        assertThat(PromQl.metricNames(expression))
                .containsExactly("http_server_requests_seconds_count", "http_server_requests_seconds_count", "up", "almanac_relay_events_total");
    }

    @Test
    void readsTheLabelMatchersEvenWithBracesOrQuotesInTheirValues() {
        PromQl.Selector selector = PromQl.selectors(
                "max(kafka_consumer_fetch_manager_records_lag_max{service=~\"query-service|rule-expander\", client_id!~\".*-restore-{x}\", "
                        + "instance=~\"$instance\", note=\"a \\\"quoted\\\" value\"})").get(0);

        assertThat(selector.metric()).isEqualTo("kafka_consumer_fetch_manager_records_lag_max");
        assertThat(selector.matchers()).extracting(PromQl.LabelMatcher::label).containsExactly("service", "client_id", "instance", "note");
        assertThat(selector.valuesOf("service")).containsExactly("query-service", "rule-expander");
        assertThat(selector.valuesOf("client_id")).as("a negative matcher names no value").isEmpty();
        assertThat(selector.valuesOf("instance")).as("a regular expression is not a list of values").isEmpty();
    }

    @Test
    void readsRecordedSeriesSubqueriesAndStringArguments() {
        assertThat(PromQl.metricNames("deriv(almanac:kafka_consumer_records_lag:max[15m:1m]) > 0"))
                .containsExactly("almanac:kafka_consumer_records_lag:max");
        assertThat(PromQl.metricNames("label_replace(process_cpu_usage, \"host\", \"$1\", \"instance\", \"(.*):.*\")"))
                .containsExactly("process_cpu_usage");
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(jvm_gc_pause_seconds_bucket{gc=\"G1\"}[5m])))"))
                .containsExactly("jvm_gc_pause_seconds_bucket");
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> PromQl.selectors("{__name__=~\"jvm_.*\"}")).hasMessageContaining("without a metric name");
        assertThatThrownBy(() -> PromQl.selectors("up{job=\"a\"")).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> PromQl.selectors("up{job=a}")).hasMessageContaining("unreadable label matchers");
    }
}
