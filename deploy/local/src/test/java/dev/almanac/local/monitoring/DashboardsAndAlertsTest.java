package dev.almanac.local.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.almanac.local.Service;

/**
 * The Grafana dashboards and Prometheus files under deploy/ are well formed, every alert tells the
 * on-call what to check, and every metric they read is one the services or the gateway expose: here
 * against the names scraped from the local stack (src/test/resources/monitoring, whose gateway.metrics
 * GatewayMetricsTest checks against what the gateway serves), in EndToEndIT against a live scrape.
 */
class DashboardsAndAlertsTest {

    private static final MonitoringFiles FILES = MonitoringFiles.ofThisCheckout();

    @Test
    void everyServiceAndTheGatewayHaveADashboardWhosePanelsAllQueryTheSharedPrometheus() {
        Map<String, JsonNode> dashboards = FILES.dashboards();

        List<String> expected = new ArrayList<>(MonitoringFiles.scrapeTargetNames());
        expected.add(MonitoringFiles.OVERVIEW);
        assertThat(dashboards.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        dashboards.forEach((service, dashboard) -> {
            assertThat(dashboard.path("schemaVersion").asInt()).as(service).isEqualTo(39);
            assertThat(dashboard.path("uid").asString()).as(service).isEqualTo("almanac-" + service);
            assertThat(dashboard.path("templating").path("list").get(0).path("name").asString()).as(service).isEqualTo("instance");
            Set<Integer> ids = new HashSet<>();
            List<JsonNode> panels = new ArrayList<>();
            dashboard.path("panels").forEach(panels::add);
            assertThat(panels).as(service).isNotEmpty();
            for (JsonNode panel : panels) {
                String where = service + ".json, panel '" + panel.path("title").asString() + "'";
                assertThat(ids.add(panel.path("id").asInt())).as("%s has a unique id", where).isTrue();
                assertThat(panel.path("gridPos").path("w").asInt()).as(where).isPositive();
                if (panel.path("type").asString().equals("row")) {
                    continue;
                }
                assertPrometheus(panel.path("datasource"), where);
                assertThat(panel.path("targets").size()).as("%s has a target", where).isPositive();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("expr").asString("")).as("%s: a target's expr", where).isNotBlank();
                    assertPrometheus(target.path("datasource"), where);
                }
            }
        });
    }

    @Test
    void grafanaIsProvisionedWithThePrometheusTheDashboardsNameAndWithTheDashboards() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> datasources = (List<Map<String, Object>>) FILES.yaml("grafana/provisioning/datasources/prometheus.yaml").get("datasources");
        assertThat(datasources).singleElement().satisfies(datasource -> {
            assertThat(datasource).containsEntry("uid", "prometheus").containsEntry("type", "prometheus");
            assertThat((String) datasource.get("url")).startsWith("http://");
        });

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> providers = (List<Map<String, Object>>) FILES.yaml("grafana/provisioning/dashboards/almanac.yaml").get("providers");
        assertThat(providers).singleElement().satisfies(provider -> {
            assertThat(provider).containsEntry("type", "file");
            assertThat(provider.get("options")).asInstanceOf(InstanceOfAssertFactories.MAP).containsKey("path");
        });
    }

    @Test
    void prometheusScrapesEveryServiceAndTheGatewayOnTheirLocalPortsAndLoadsTheRules() {
        Map<String, Object> config = FILES.yaml("prometheus/prometheus.yml");

        assertThat(config.get("rule_files")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly("almanac-rules.yml");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
        for (Service service : Service.values()) {
            assertThat(jobs).as(service.serviceName()).anySatisfy(job -> {
                assertThat(job).containsEntry("job_name", service.serviceName()).containsEntry("metrics_path", "/actuator/prometheus");
                assertThat(job.get("static_configs").toString()).contains("127.0.0.1:" + service.defaultPort());
            });
        }
        assertThat(jobs).as("the gateway, on ./run-local's port").anySatisfy(job -> {
            assertThat(job).containsEntry("job_name", MonitoringFiles.GATEWAY).containsEntry("metrics_path", "/actuator/prometheus");
            assertThat(job.get("static_configs").toString()).contains("127.0.0.1:8080");
        });
    }

    @Test
    void everyRuleRecordsOrAlertsAndEveryAlertTellsTheOnCallWhatToCheck() {
        List<Map<String, Object>> rules = FILES.rules();

        assertThat(rules).isNotEmpty();
        for (Map<String, Object> rule : rules) {
            assertThat(rule.containsKey("record") ^ rule.containsKey("alert")).as("%s records or alerts", rule).isTrue();
            assertThat((String) rule.get("expr")).as("%s: expr", rule).isNotBlank();
            if (rule.containsKey("alert")) {
                String alert = (String) rule.get("alert");
                assertThat(rule.get("for")).as("%s: for", alert).isNotNull();
                assertThat(rule.get("labels")).as("%s: labels", alert).asInstanceOf(InstanceOfAssertFactories.MAP)
                        .hasEntrySatisfying("severity", severity -> assertThat(severity).isIn("critical", "warning"));
                assertThat(rule.get("annotations")).as("%s: annotations", alert).asInstanceOf(InstanceOfAssertFactories.MAP)
                        .hasEntrySatisfying("summary", summary -> assertThat((String) summary).isNotBlank())
                        .hasEntrySatisfying("description", description -> assertThat((String) description).isNotBlank());
            }
        }
    }

    /**
     * Every alert's runbook_url is a repository-relative link to a heading named after the alert,
     * in GitHub's anchor form: the file exists and holds that heading.
     */
    @Test
    void everyAlertLinksToTheRunbookSectionNamedAfterIt() {
        Path repository = FILES.deploy().getParent();
        List<Map<String, Object>> alerts = FILES.rules().stream().filter(rule -> rule.containsKey("alert")).toList();

        assertThat(alerts).isNotEmpty();
        for (Map<String, Object> rule : alerts) {
            String alert = (String) rule.get("alert");
            Object runbookUrl = ((Map<?, ?>) rule.get("annotations")).get("runbook_url");
            assertThat(runbookUrl).as("%s: runbook_url", alert).isInstanceOf(String.class);
            String[] fileAndAnchor = ((String) runbookUrl).split("#", 2);
            assertThat(fileAndAnchor).as("%s: %s names a section", alert, runbookUrl).hasSize(2);
            assertThat(fileAndAnchor[1]).as("%s: the anchor of %s", alert, runbookUrl).isEqualTo(anchorOf(alert));
            Path runbooks = repository.resolve(fileAndAnchor[0]).normalize();
            assertThat(runbooks).as("%s: %s", alert, runbookUrl).startsWith(repository).isRegularFile();
            assertThat(headingAnchors(runbooks)).as("%s: the headings of %s", alert, fileAndAnchor[0]).contains(fileAndAnchor[1]);
        }
    }

    @Test
    void everyExpressionReadsAMetricAndEveryRecordedSeriesReadIsRecorded() {
        Set<String> recorded = FILES.recorded();
        for (MonitoringFiles.Expression expression : FILES.expressions()) {
            List<String> names = PromQl.metricNames(expression.promQl());
            assertThat(names).as(expression.where()).isNotEmpty();
            names.stream().filter(name -> name.contains(":"))
                    .forEach(name -> assertThat(recorded).as("%s reads %s", expression.where(), name).contains(name));
        }
    }

    @Test
    void everyMetricTheDashboardsAndRulesReadIsOneTheServicesOrTheGatewayExpose() {
        assertThat(FILES.references()).isNotEmpty();

        assertThat(FILES.missingFrom(MonitoringFiles.byScrapeTarget(service -> MonitoringFiles.namesOnFile(service.serviceName()),
                () -> MonitoringFiles.namesOnFile(MonitoringFiles.GATEWAY)))).isEmpty();
    }

    /** The anchors GitHub gives a Markdown file's headings (repeated headings aside, which get a suffix). */
    private static Set<String> headingAnchors(Path markdown) {
        try (Stream<String> lines = Files.lines(markdown)) {
            return lines.filter(line -> line.matches("#{1,6} .*"))
                    .map(line -> anchorOf(line.replaceFirst("^#+ ", "")))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GitHub's anchor of a heading: lower case, punctuation but hyphens and underscores dropped, spaces as hyphens. */
    private static String anchorOf(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static void assertPrometheus(JsonNode datasource, String where) {
        assertThat(Stream.of(datasource.path("type").asString(""), datasource.path("uid").asString("")))
                .as("%s: datasource", where).containsExactly("prometheus", "prometheus");
    }
}
