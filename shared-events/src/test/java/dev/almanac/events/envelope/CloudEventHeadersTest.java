package dev.almanac.events.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.almanac.events.Tenant;

class CloudEventHeadersTest {

    private final EventMetadata metadata = new EventMetadata("e-1", "dev.almanac.schedule.ItemScheduled.v1",
            "/almanac/command-service", Instant.parse("2026-12-01T15:00:00Z"), "item-1", 3, "developer", "c-1",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    @Test
    void roundTripsEveryAttribute() {
        Map<String, byte[]> headers = CloudEventHeaders.encode(metadata);

        assertThat(CloudEventHeaders.decode(headers::get)).isEqualTo(metadata);
        assertThat(new String(headers.get("ce_specversion"), StandardCharsets.UTF_8)).isEqualTo("1.0");
        assertThat(new String(headers.get("content-type"), StandardCharsets.UTF_8)).isEqualTo("application/json");
        assertThat(new String(headers.get("almanac_aggregate_version"), StandardCharsets.UTF_8)).isEqualTo("3");
    }

    @Test
    void carriesTheCausationWhenTheProducerNamesIt() {
        EventMetadata caused = new EventMetadata("e-1", "t", "s", Instant.EPOCH, "x", 0, "a", "c", null, "command-7");

        assertThat(new String(CloudEventHeaders.encode(caused).get("almanac_causation_id"), StandardCharsets.UTF_8)).isEqualTo("command-7");
        assertThat(CloudEventHeaders.decode(CloudEventHeaders.encode(caused)::get)).isEqualTo(caused);
        assertThat(CloudEventHeaders.encode(new EventMetadata("e-1", "t", "s", Instant.EPOCH, "x", 0, "a", "c", null)))
                .doesNotContainKey("almanac_causation_id");
    }

    @Test
    void carriesTheTenantOfAMultiTenantDeploymentsFact() {
        EventMetadata ofAcme = new EventMetadata("e-1", "t", "s", Instant.EPOCH, "acme:item-1", 0, "acme:alice", "c", null, null,
                Tenant.of("acme"));

        assertThat(new String(CloudEventHeaders.encode(ofAcme).get("almanac_tenant"), StandardCharsets.UTF_8)).isEqualTo("acme");
        assertThat(CloudEventHeaders.decode(CloudEventHeaders.encode(ofAcme)::get)).isEqualTo(ofAcme);
        assertThat(CloudEventHeaders.encode(metadata)).doesNotContainKey("almanac_tenant");
        assertThat(CloudEventHeaders.decode(CloudEventHeaders.encode(metadata)::get).tenant()).isNull();
    }

    @Test
    void namesAMalformedTenant() {
        Map<String, byte[]> headers = new HashMap<>(CloudEventHeaders.encode(metadata));
        headers.put("almanac_tenant", "Acme Corp".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CloudEventHeaders.decode(headers::get))
                .isInstanceOf(InvalidEnvelopeException.class)
                .hasMessageContaining("almanac_tenant must name a tenant");
    }

    @Test
    void leavesOutAnAbsentTraceparent() {
        EventMetadata untraced = new EventMetadata("e-1", "t", "s", Instant.EPOCH, "x", 0, "a", "c", null);

        assertThat(CloudEventHeaders.encode(untraced)).doesNotContainKey("traceparent");
        assertThat(CloudEventHeaders.decode(CloudEventHeaders.encode(untraced)::get).traceparent()).isNull();
    }

    @Test
    void namesTheMissingHeader() {
        Map<String, byte[]> headers = new HashMap<>(CloudEventHeaders.encode(metadata));
        headers.remove("ce_subject");

        assertThatThrownBy(() -> CloudEventHeaders.decode(headers::get))
                .isInstanceOf(InvalidEnvelopeException.class)
                .hasMessage("header ce_subject is missing");
    }

    @Test
    void namesAMalformedVersion() {
        Map<String, byte[]> headers = new HashMap<>(CloudEventHeaders.encode(metadata));
        headers.put("almanac_aggregate_version", "three".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CloudEventHeaders.decode(headers::get))
                .hasMessageContaining("almanac_aggregate_version is not a number");
    }

    @Test
    void refusesAnotherSpecVersion() {
        Map<String, byte[]> headers = new HashMap<>(CloudEventHeaders.encode(metadata));
        headers.put("ce_specversion", "0.3".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CloudEventHeaders.decode(headers::get)).hasMessageContaining("ce_specversion must be 1.0");
    }
}
