package dev.almanac.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;
import dev.almanac.events.audit.PlatformAdminActed;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.TestIssuer;
import dev.almanac.query.support.FeedFixture;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;

/**
 * ADR 0102 with real signed tokens of two tenants: the requests platform admins made in a tenant, as the audit topic
 * records them, are read by that tenant's admins (who, when, the service, method, path and status) and by no other
 * tenant's; a tenant's user who is not an admin reads none of them, and no calendar's or actor's trail holds them.
 */
@QueryApiTest
@TestPropertySource(properties = {"almanac.identity.mode=jwt", "almanac.identity.jwt.audiences=almanac",
        "almanac.identity.tenancy=multi",
        "almanac.query.changes.token-key=dGhpcy10ZXN0cy1vd24tY2hhbmdlLWZlZWQta2V5LTMyYnl0ZXMh"})
class PlatformAdminAuditWithTokensTest extends ReadModelApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TestIssuer ISSUER = TestIssuer.generate();
    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");
    private static final String RANGE = "&from=2026-11-20T00:00:00Z&till=2026-11-22T00:00:00Z";
    private static final String PLATFORM_ADMINS = "/api/v1/audit?platform_admins=true" + RANGE;

    private static final String GLOBEX_ADMIN = ISSUER.bearerOfTenant("globex", "gina", List.of("admin"));
    private static final String GLOBEX_USER = ISSUER.bearerOfTenant("globex", "gus", List.of());
    private static final String ACME_ADMIN = ISSUER.bearerOfTenant("acme", "anna", List.of("admin"));
    private static final String SUPPORT = ISSUER.bearerOfTenant("support", "carol", List.of("platform-admin"));

    private FeedFixture feed;

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("almanac.identity.jwt.public-key-location", () -> ISSUER.publicKeyFile().toUri().toString());
    }

    @BeforeEach
    void platformAdminsActedInTwoTenants() {
        // The first request decodes a key and warms the chain up: slow on a loaded machine.
        client = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        feed = new FeedFixture(projections);
        acted("evt-globex-1", "/almanac/command-service", AT, new PlatformAdminActed(Tenant.of("globex"),
                UserId.of("support:carol"), "POST", "/api/v1/schedules", 201));
        acted("evt-globex-2", "/almanac/conflict-detector", AT.plusSeconds(60), new PlatformAdminActed(Tenant.of("globex"),
                UserId.of("support:dave"), "POST", "/api/v1/conflicts/detect", 403));
        acted("evt-acme-1", "/almanac/query-service", AT.plusSeconds(30), new PlatformAdminActed(Tenant.of("acme"),
                UserId.of("support:carol"), "GET", "/api/v1/calendars/acme:secret-plans", 200));
    }

    @Test
    void aTenantsAdminReadsThePlatformAdminsRequestsInItsTenantNewestFirstAndNoneOfAnotherTenants() {
        EntityExchangeResult<byte[]> read = read(PLATFORM_ADMINS, GLOBEX_ADMIN, null);

        assertThat(read.getStatus().value()).as(body(read)).isEqualTo(200);
        List<JsonNode> records = records(read);
        assertThat(records).extracting(record -> record.get("event_id").asString()).containsExactly("evt-globex-2", "evt-globex-1");
        JsonNode first = records.get(1);
        assertThat(first.get("type").asString()).isEqualTo("PlatformAdminActed");
        assertThat(first.get("actor").asString()).isEqualTo("support:carol");
        assertThat(Instant.parse(first.get("at").asString())).isEqualTo(AT);
        assertThat(first.get("request").get("service").asString()).isEqualTo("/almanac/command-service");
        assertThat(first.get("request").get("method").asString()).isEqualTo("POST");
        assertThat(first.get("request").get("path").asString()).isEqualTo("/api/v1/schedules");
        assertThat(first.get("request").get("status").asInt()).isEqualTo(201);
        assertThat(body(read)).doesNotContain("acme").doesNotContain("evt-acme");

        assertThat(records(read(PLATFORM_ADMINS + "&actor=support:dave", GLOBEX_ADMIN, null)))
                .as("actor narrows it to one platform admin").extracting(record -> record.get("event_id").asString())
                .containsExactly("evt-globex-2");
        EntityExchangeResult<byte[]> acme = read(PLATFORM_ADMINS, ACME_ADMIN, null);
        assertThat(records(acme)).extracting(record -> record.get("event_id").asString()).containsExactly("evt-acme-1");
        assertThat(body(acme)).doesNotContain("globex").doesNotContain("/api/v1/schedules");
        assertThat(records(read(PLATFORM_ADMINS, SUPPORT, "globex"))).as("a platform admin acting for globex is its admin")
                .extracting(record -> record.get("event_id").asString()).containsExactly("evt-globex-2", "evt-globex-1");
    }

    @Test
    void aTenantsUserWhoIsNotAnAdminReadsNoneOfThemAndNoOtherTrailHoldsThem() {
        EntityExchangeResult<byte[]> refused = read(PLATFORM_ADMINS, GLOBEX_USER, null);

        assertThat(refused.getStatus().value()).isEqualTo(403);
        JsonNode problem = JSON.readTree(body(refused));
        assertThat(problem.at("/errors/0/field").asString()).isEqualTo("platform_admins");
        assertThat(problem.at("/errors/0/rule").asString()).isEqualTo("role");
        assertThat(body(refused)).doesNotContain("support:").doesNotContain("/api/v1/schedules");
        // The platform admin is of another tenant, so its actor's trail is empty to the tenant's admin: only platform_admins shows them.
        assertThat(records(read("/api/v1/audit?actor=support:carol" + RANGE, GLOBEX_ADMIN, null))).isEmpty();
        assertThat(records(read("/api/v1/audit?actor=globex:gus" + RANGE, GLOBEX_USER, null))).isEmpty();
    }

    @Test
    void theFlagIsTrueOrFalseAndNamesNoCalendar() {
        EntityExchangeResult<byte[]> notAFlag = read("/api/v1/audit?platform_admins=yes" + RANGE, GLOBEX_ADMIN, null);
        EntityExchangeResult<byte[]> withACalendar = read(PLATFORM_ADMINS + "&calendar_id=globex:ballroom", GLOBEX_ADMIN, null);

        assertThat(notAFlag.getStatus().value()).isEqualTo(400);
        assertThat(JSON.readTree(body(notAFlag)).at("/errors/0/rule").asString()).isEqualTo("boolean");
        assertThat(withACalendar.getStatus().value()).isEqualTo(400);
        assertThat(JSON.readTree(body(withACalendar)).at("/errors/0/field").asString()).isEqualTo("platform_admins");
        assertThat(JSON.readTree(body(withACalendar)).at("/errors/0/rule").asString()).isEqualTo("alone");
    }

    private void acted(String eventId, String source, Instant time, PlatformAdminActed acted) {
        EventMetadata metadata = new EventMetadata(eventId, EventCatalog.of(acted).ceType(), source, time, acted.subject(), 0,
                acted.platformAdmin().value(), "corr-" + eventId, null);
        feed.given(new ReceivedEvent(metadata, acted));
    }

    private EntityExchangeResult<byte[]> read(String path, String bearer, String tenant) {
        var request = client.get().uri(URI.create(path)).header(HttpHeaders.AUTHORIZATION, bearer);
        if (tenant != null) {
            request = request.header(Callers.TENANT_HEADER, tenant);
        }
        return request.exchange().expectBody().returnResult();
    }

    private static List<JsonNode> records(EntityExchangeResult<byte[]> read) {
        assertThat(read.getStatus().value()).as(body(read)).isEqualTo(200);
        List<JsonNode> records = new ArrayList<>();
        JSON.readTree(body(read)).get("records").forEach(records::add);
        return records;
    }

    private static String body(EntityExchangeResult<byte[]> read) {
        byte[] body = read.getResponseBody();
        return body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
}
