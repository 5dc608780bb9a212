package dev.almanac.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The cluster's HTTPRoute, read as the local gateway reads it. */
class RouteTableTest {

    private final RouteTable routes = load();

    private static RouteTable load() {
        InputStream manifest = RouteTableTest.class.getResourceAsStream("/httproute.yaml");
        return RouteTable.fromHttpRoute(manifest);
    }

    private String backendOf(String method, String path) {
        return routes.route(method, path).map(RouteRule::backend).orElse("none");
    }

    @Test
    void readsGoToQueryService() {
        assertThat(backendOf("GET", "/api/v1/schedules/window")).isEqualTo("query-service");
        assertThat(backendOf("GET", "/api/v1/calendars/c1/entries")).isEqualTo("query-service");
        assertThat(backendOf("GET", "/api/v1/calendars/c1/export.ics")).isEqualTo("query-service");
        assertThat(backendOf("HEAD", "/api/v1/conflicts")).isEqualTo("query-service");
        assertThat(backendOf("POST", "/api/v1/resources/availability/check-multiple")).isEqualTo("query-service");
        assertThat(backendOf("POST", "/api/v1/calendars/availability/check-multiple")).isEqualTo("query-service");
        // Marking one's own notifications is the notification centre's own state (ADR 0075).
        assertThat(backendOf("POST", "/api/v1/notifications/n1/read")).isEqualTo("query-service");
        assertThat(backendOf("POST", "/api/v1/notifications/n1/acknowledge")).isEqualTo("query-service");
        assertThat(backendOf("GET", "/api/v1/notifications")).isEqualTo("query-service");
        // The list is a read, though POST on the same path creates a resource.
        assertThat(backendOf("GET", "/api/v1/resources")).isEqualTo("query-service");
        assertThat(backendOf("GET", "/api/v1/resources/r1")).isEqualTo("query-service");
        assertThat(backendOf("GET", "/api/v1/resources/r1/availability")).isEqualTo("query-service");
        assertThat(backendOf("GET", "/api/v1/resources/r1/availability/slots")).isEqualTo("query-service");
    }

    @Test
    void changesGoToCommandService() {
        assertThat(backendOf("POST", "/api/v1/calendars")).isEqualTo("command-service");
        assertThat(backendOf("POST", "/api/v1/schedules/item-1/reschedule")).isEqualTo("command-service");
        assertThat(backendOf("POST", "/api/v1/schedules/item-1/confirm")).isEqualTo("command-service");
        assertThat(backendOf("POST", "/api/v1/schedules/item-1/cancel")).isEqualTo("command-service");
        assertThat(backendOf("PUT", "/api/v1/schedules/rules/r1")).isEqualTo("command-service");
        assertThat(backendOf("DELETE", "/api/v1/schedules/rules/r1")).isEqualTo("command-service");
        assertThat(backendOf("POST", "/api/v1/schedules/rules/r1/pause")).isEqualTo("command-service");
        assertThat(backendOf("POST", "/api/v1/schedules/rules/r1/resume")).isEqualTo("command-service");
        // A new rule's preview stores nothing but is checked as its creation is: command-service answers it (UI-RULE-PREVIEW).
        assertThat(backendOf("POST", "/api/v1/schedules/rules/preview")).isEqualTo("command-service");
        assertThat(backendOf("POST", "/api/v1/resources")).isEqualTo("command-service");
        assertThat(backendOf("POST", "/api/v1/resources/r1/availability/mark-unavailable")).isEqualTo("command-service");
        assertThat(backendOf("POST", "/api/v1/resources/r1/availability/mark-available")).isEqualTo("command-service");
    }

    @Test
    void conflictCommandsGoToConflictDetectorBecauseTheLongerPrefixWins() {
        assertThat(backendOf("POST", "/api/v1/conflicts/c1/resolve")).isEqualTo("conflict-detector");
        assertThat(backendOf("POST", "/api/v1/conflicts/detect")).isEqualTo("conflict-detector");
        assertThat(backendOf("GET", "/api/v1/conflicts/c1")).isEqualTo("query-service");
    }

    @Test
    void prefixesMatchWholePathElementsOnly() {
        assertThat(backendOf("POST", "/api/v1/conflictsandmore")).isEqualTo("command-service");
        // /api/v1 is not a prefix of /api/v10: a GET there falls to the console's catch-all (ADR 0067), anything else to none.
        assertThat(backendOf("GET", "/api/v10/schedules")).isEqualTo("console");
        assertThat(backendOf("POST", "/api/v10/schedules")).isEqualTo("none");
        assertThat(backendOf("DELETE", "/actuator/health")).isEqualTo("none");
    }

    @Test
    void openApiDocumentsAreRewrittenToEachServicesOwnPath() {
        RouteRule rule = routes.route("GET", "/api-docs/query-service").orElseThrow();

        assertThat(rule.backend()).isEqualTo("query-service");
        assertThat(rule.upstreamPath("/api-docs/query-service")).isEqualTo("/v3/api-docs");
    }

    @Test
    void theReScanWaitsLongerThanConflictDetectorsOwnRescanTimeoutAndOtherRoutesTakeTheDefault() {
        assertThat(routes.route("POST", "/api/v1/conflicts/detect").orElseThrow().timeout()).isEqualTo(java.time.Duration.ofSeconds(75));
        assertThat(routes.route("POST", "/api/v1/conflicts/c1/resolve").orElseThrow().timeout()).isNull();
        assertThat(routes.route("GET", "/api/v1/schedules/window").orElseThrow().timeout()).isNull();
    }

    @Test
    void readsTheGatewayApisDurations() {
        assertThat(RouteTable.gatewayDuration("75s")).isEqualTo(java.time.Duration.ofSeconds(75));
        assertThat(RouteTable.gatewayDuration("1h30m")).isEqualTo(java.time.Duration.ofMinutes(90));
        assertThat(RouteTable.gatewayDuration("1m500ms")).isEqualTo(java.time.Duration.ofMillis(60_500));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RouteTable.gatewayDuration("75"))
                .hasMessageContaining("not a Gateway API duration");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RouteTable.gatewayDuration("1.5s"))
                .hasMessageContaining("not a Gateway API duration");
    }

    @Test
    void anExactMatchOutranksAnyPrefix() {
        RouteTable table = new RouteTable(List.of(
                new RouteRule(false, "/a", null, "prefix", null, null),
                new RouteRule(true, "/a/b", null, "exact", null, null),
                new RouteRule(false, "/a/b/c", null, "longer-prefix", null, null)));

        assertThat(table.route("GET", "/a/b").orElseThrow().backend()).isEqualTo("exact");
        assertThat(table.route("GET", "/a/b/c/d").orElseThrow().backend()).isEqualTo("longer-prefix");
        assertThat(table.route("GET", "/a/x").orElseThrow().backend()).isEqualTo("prefix");
    }

    @Test
    void refusesARouteItCannotHonourRatherThanRoutingItWrongly() {
        assertRefused("""
                - matches:
                    - path: { type: PathPrefix, value: /api }
                      headers: [{ name: x-canary, value: "true" }]
                  backendRefs: [{ name: canary, port: 8080 }]
                """, "path and method only");
    }

    @Test
    void refusesATimeoutItDoesNotApply() {
        assertRefused("""
                - matches:
                    - path: { type: PathPrefix, value: /api }
                  timeouts: { request: 10s, backendRequest: 5s }
                  backendRefs: [{ name: api, port: 8080 }]
                """, "request timeout only");
    }

    /** An HTTPRoute of the one {@code rule} (its YAML, unindented) is refused for {@code reason}. */
    private static void assertRefused(String rule, String reason) {
        String manifest = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                spec:
                  rules:
                """ + rule.indent(4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RouteTable.fromHttpRoute(
                        new java.io.ByteArrayInputStream(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .hasMessageContaining(reason);
    }
}
