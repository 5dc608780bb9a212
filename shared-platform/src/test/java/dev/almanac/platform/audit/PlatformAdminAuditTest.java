package dev.almanac.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;
import dev.almanac.events.audit.PlatformAdminActed;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.identity.IdentityAutoConfiguration;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.json.AlmanacJsonAutoConfiguration;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.problem.ProblemDetailsAutoConfiguration;
import dev.almanac.platform.testing.TestIssuer;
import dev.almanac.platform.testing.WireSamples;

/**
 * Multi-tenant mode with signed tokens (ADR 0102): a platform admin's every answer is recorded before it is sent, or
 * withheld as a 503; no one else's request is recorded.
 */
@WebFluxTest(controllers = AuditedEndpoints.class, properties = {"almanac.identity.mode=jwt", "almanac.identity.tenancy=multi",
        "spring.application.name=query-service", "almanac.audit.platform-admin-timeout=2s"})
@Import({AuditedEndpoints.class, PlatformAdminAuditTest.Broker.class})
@ImportAutoConfiguration({AlmanacJsonAutoConfiguration.class, ProblemDetailsAutoConfiguration.class, IdentityAutoConfiguration.class,
        PlatformAdminAuditAutoConfiguration.class})
class PlatformAdminAuditTest {

    private static final TestIssuer ISSUER = TestIssuer.generate();
    private static final String SUPPORT = ISSUER.bearerOfTenant("support", "carol", List.of("platform-admin"));

    @TestConfiguration
    static class Broker {

        @Bean
        RecordingPublisher recordingPublisher() {
            return new RecordingPublisher();
        }
    }

    @Autowired
    WebTestClient client;

    @Autowired
    RecordingPublisher broker;

    @DynamicPropertySource
    static void trustTheTestKey(DynamicPropertyRegistry registry) {
        registry.add("almanac.identity.jwt.public-key-location", () -> ISSUER.publicKeyFile().toUri().toString());
    }

    @BeforeEach
    void brokerUp() {
        // The first request decodes a key and warms the chain up: slow on a loaded machine.
        client = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        broker.published.clear();
        broker.down = false;
    }

    @Test
    void aPlatformAdminsReadIsRecordedWithTheirIdTheTenantTheMethodThePathAndTheStatus() {
        client.get().uri("/api/v1/calendars/globex:ballroom").header(HttpHeaders.AUTHORIZATION, SUPPORT)
                .header(Callers.TENANT_HEADER, "globex")
                .exchange()
                .expectStatus().isOk();

        assertThat(broker.published).singleElement().satisfies(published -> {
            assertThat(published.event()).isEqualTo(new PlatformAdminActed(Tenant.of("globex"), UserId.of("support:carol"), "GET",
                    "/api/v1/calendars/globex:ballroom", 200));
            assertThat(published.event().partitionKey()).as("keyed by the tenant").isEqualTo("globex");
            assertThat(published.metadata().actor()).isEqualTo("support:carol");
            assertThat(published.metadata().source()).isEqualTo("/almanac/query-service");
            assertThat(published.metadata().type()).isEqualTo("dev.almanac.audit.PlatformAdminActed.v1");
            assertThat(published.metadata().tenant()).as("the almanac_tenant header").isEqualTo(Tenant.of("globex"));
        });
    }

    @Test
    void aPlatformAdminsCommandAndARefusalAreRecordedWithTheStatusTheyGot() {
        client.post().uri("/api/v1/calendars/globex:ballroom/pause").header(HttpHeaders.AUTHORIZATION, SUPPORT)
                .header(Callers.TENANT_HEADER, "globex")
                .exchange()
                .expectStatus().isAccepted();
        client.get().uri("/api/v1/hidden/globex:attic").header(HttpHeaders.AUTHORIZATION, SUPPORT)
                .header(Callers.TENANT_HEADER, "globex")
                .exchange()
                .expectStatus().isNotFound();

        assertThat(broker.published).extracting(published -> (PlatformAdminActed) published.event())
                .extracting(PlatformAdminActed::method, PlatformAdminActed::path, PlatformAdminActed::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("POST", "/api/v1/calendars/globex:ballroom/pause", 202),
                        org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/hidden/globex:attic", 404));
    }

    @Test
    void aTenantsOwnUsersAndAdminsAreNotRecorded() {
        for (String bearer : List.of(ISSUER.bearerOfTenant("globex", "gina", List.of("admin")),
                ISSUER.bearerOfTenant("globex", "gus", List.of()))) {
            client.get().uri("/api/v1/calendars/globex:ballroom").header(HttpHeaders.AUTHORIZATION, bearer)
                    .header(Callers.TENANT_HEADER, "globex")
                    .exchange()
                    .expectStatus().isOk();
            client.post().uri("/api/v1/calendars/globex:ballroom/pause").header(HttpHeaders.AUTHORIZATION, bearer)
                    .exchange()
                    .expectStatus().isAccepted();
        }

        assertThat(broker.published).isEmpty();
    }

    @Test
    void anAnswerThatCannotBeRecordedIsWithheldAndA503SentInstead() {
        broker.down = true;

        client.get().uri("/api/v1/calendars/globex:ballroom").header(HttpHeaders.AUTHORIZATION, SUPPORT)
                .header(Callers.TENANT_HEADER, "globex")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType("application/problem+json")
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("audit topic")
                        .doesNotContain(AuditedEndpoints.SECRET));
        client.post().uri("/api/v1/calendars/globex:ballroom/pause").header(HttpHeaders.AUTHORIZATION, SUPPORT)
                .header(Callers.TENANT_HEADER, "globex")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectBody(String.class).value(body -> assertThat(body).contains("read before retrying")
                        .doesNotContain(AuditedEndpoints.SECRET));
    }

    /** The producer's record is the committed wire sample of its type. */
    @Test
    void theRecordIsTheWireSample() {
        EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
        RecordingPublisher recorded = new RecordingPublisher();
        PlatformAdminAudit audit = new PlatformAdminAudit(recorded, "query-service", Duration.ofSeconds(2),
                Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC), () -> "6f1d2c3b-4a59-4e8d-9c7b-1a2b3c4d5e6f");
        Caller support = new Caller(UserId.of("support:sam"), true, UngrantedCalendars.CLOSED, Tenant.of("acme"), true);
        WebTestClient.bindToController(new AuditedEndpoints())
                .webFilter((exchange, chain) -> {
                    exchange.getAttributes().put(Callers.ATTRIBUTE, support);
                    return chain.filter(exchange);
                }, audit)
                .build()
                .get().uri("/api/v1/calendars/acme:ballroom")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .exchange()
                .expectStatus().isOk();

        assertThat(recorded.published).singleElement().satisfies(published ->
                WireSamples.assertProducerMatchesSample(codec.toRecord(published.metadata(), published.event())));
    }
}
