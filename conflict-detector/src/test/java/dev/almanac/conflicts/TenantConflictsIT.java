package dev.almanac.conflicts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Identifiers;
import dev.almanac.events.Topics;
import dev.almanac.events.audit.PlatformAdminActed;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.streams.StreamsLifecycle;
import dev.almanac.platform.testing.TestIssuer;
import dev.almanac.platform.testing.TopicReader;

/**
 * A multi-tenant conflict-detector with signed tokens of two tenants (ADR 0102): a conflict of tenant B answers tenant A's
 * user and admin as one that does not exist, before any role is read; a platform admin's requests are recorded on the
 * audit topic before they are answered, and no one else's are; the re-scan is its caller's tenant's. Its own context and state directory, and the service's
 * application id, so that beside the other ITs' context it is a replica of the same group.
 */
@SpringBootTest(classes = ConflictDetectorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"almanac.identity.mode=jwt", "almanac.identity.tenancy=multi"})
class TenantConflictsIT {

    private static final Duration PATIENCE = IntegrationTestSupport.PATIENCE;
    private static final Duration STREAMS_STARTING = IntegrationTestSupport.STREAMS_STARTING;
    private static final TestIssuer ISSUER = TestIssuer.generate();

    @DynamicPropertySource
    static void embeddedInfrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers());
        registry.add("spring.kafka.streams.state-dir", () -> {
            try {
                return Files.createTempDirectory("conflict-detector-tenants-").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        registry.add("almanac.identity.jwt.public-key-location", () -> ISSUER.publicKeyFile().toUri().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    EventPublisher publisher;

    @Autowired
    EventCodec codec;

    @Autowired
    StreamsLifecycle detectorStreams;

    private final HttpClient http = HttpClient.newHttpClient();
    /** Tenants of this run only: the broker is shared by every IT of the JVM. */
    private final String tenantA = tenant("acme");
    private final String tenantB = tenant("globex");
    private TopicReader conflicts;
    private TopicReader audit;

    @BeforeEach
    void start() {
        await().atMost(STREAMS_STARTING).pollInterval(Duration.ofMillis(250))
                .until(() -> detectorStreams.state().filter(KafkaStreams.State.RUNNING::equals).isPresent());
        conflicts = new TopicReader(IntegrationTestSupport.bootstrapServers(), Topics.CONFLICTS);
        audit = new TopicReader(IntegrationTestSupport.bootstrapServers(), Topics.AUDIT);
    }

    @AfterEach
    void stopReading() {
        conflicts.close();
        audit.close();
    }

    @Test
    void tenantAsUserAndAdminFindTenantBsConflictNotFoundWithNothingOfBInTheAnswer() throws Exception {
        CalendarId ballroom = CalendarId.of(tenantB + ":cal-" + UUID.randomUUID());
        String conflictId = doubleBooking(ballroom);

        for (String bearer : List.of(ISSUER.bearerOfTenant(tenantA, "alice", List.of()),
                ISSUER.bearerOfTenant(tenantA, "anna", List.of("admin")))) {
            for (Map.Entry<String, String> command : Map.of("resolve", "{\"method\": \"rescheduled\"}",
                    "escalate", "{\"escalated_to\": \"managers\", \"reason\": \"late\"}", "dismiss", "{\"reason\": \"fine\"}").entrySet()) {
                HttpResponse<String> answer = post(bearer, null, conflictId, command.getKey(), command.getValue());

                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
                assertThat(answer.body()).contains("\"rule\":\"exists\"").doesNotContain(tenantB).doesNotContain(ballroom.value());
                assertThat(answer.headers().map()).doesNotContainKey("etag");
                assertThat(answer.headers().map().values().toString()).doesNotContain(tenantB);
            }
        }

        HttpResponse<String> ownAdmin = post(ISSUER.bearerOfTenant(tenantB, "bob", List.of("admin")), null, conflictId, "dismiss",
                "{\"reason\": \"fine as it is\"}");
        assertThat(ownAdmin.statusCode()).as("B's admin finds it at version 0: A's attempts changed nothing; " + ownAdmin.body())
                .isEqualTo(200);
        assertThat(ownAdmin.body()).contains(ballroom.value());
    }

    @Test
    void aPlatformAdminsCommandAndReadAreRecordedOnTheAuditTopicAndAnOrdinaryCallersAreNot() throws Exception {
        CalendarId ballroom = CalendarId.of(tenantB + ":cal-" + UUID.randomUUID());
        String first = doubleBooking(ballroom);
        HttpResponse<String> ordinary = post(ISSUER.bearerOfTenant(tenantB, "bob", List.of("admin")), null, first, "dismiss",
                "{\"reason\": \"fine as it is\"}");
        assertThat(ordinary.statusCode()).as(ordinary.body()).isEqualTo(200);

        String support = ISSUER.bearerOfTenant("support", "carol", List.of("platform-admin"));
        HttpResponse<String> command = post(support, tenantB, first, "escalate", "{\"escalated_to\": \"managers\", \"reason\": \"late\"}");
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .header("Authorization", support).header("X-Almanac-Tenant", tenantB).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(command.statusCode()).as("a dismissed conflict, at version 1, cannot be escalated at 0: " + command.body()).isIn(409, 412);
        assertThat(read.statusCode()).as("the platform admin may read the service's health: " + read.body()).isNotIn(401, 403);

        List<PlatformAdminActed> recorded = await().atMost(PATIENCE)
                .until(() -> audit.withKey(tenantB), records -> records.size() >= 2).stream()
                .map(this::decode).map(received -> {
                    assertThat(received.metadata().actor()).isEqualTo("support:carol");
                    assertThat(received.metadata().source()).isEqualTo("/almanac/conflict-detector");
                    return (PlatformAdminActed) received.event();
                })
                .toList();
        // B's admin's dismissal, answered before both, would be among them if an ordinary caller's request were recorded.
        assertThat(recorded).extracting(acted -> acted.tenant().name(), acted -> acted.platformAdmin().value(), PlatformAdminActed::method,
                        PlatformAdminActed::path, PlatformAdminActed::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(tenantB, "support:carol", "POST", "/api/v1/conflicts/" + first + "/escalate", command.statusCode()),
                        org.assertj.core.groups.Tuple.tuple(tenantB, "support:carol", "GET", "/actuator/health", read.statusCode()));
    }

    @Test
    void aTenantsRescanCountsItsOwnCalendarsAndConflictsOnlyAndIsRefusedToItsUsersWhoAreNotAdmins() throws Exception {
        CalendarId hall = CalendarId.of(tenantA + ":cal-" + UUID.randomUUID());
        CalendarId ballroom = CalendarId.of(tenantB + ":cal-" + UUID.randomUUID());
        doubleBooking(hall);
        doubleBooking(ballroom);
        // Tenant B holds a second calendar and conflict, so that counting B's into A's answer, or A's into B's, would show.
        doubleBooking(CalendarId.of(tenantB + ":cal-" + UUID.randomUUID()));

        HttpResponse<String> user = detect(ISSUER.bearerOfTenant(tenantA, "alice", List.of()), null);
        HttpResponse<String> admin = detect(ISSUER.bearerOfTenant(tenantA, "anna", List.of("admin")), null);
        String support = ISSUER.bearerOfTenant("support", "carol", List.of("platform-admin"));
        HttpResponse<String> platformAdmin = detect(support, tenantB);

        assertThat(user.statusCode()).as(user.body()).isEqualTo(403);
        assertThat(user.body()).contains("\"field\":\"Authorization\"").contains("\"rule\":\"role\"").doesNotContain(tenantB);
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
        assertThat(admin.body()).as("A's one calendar and conflict, on every partition; the live state missed nothing")
                .isEqualTo("{\"calendars\":1,\"resources\":0,\"links\":0,\"conflicts_holding\":1,\"detected\":0,\"cleared\":0}");
        assertThat(platformAdmin.statusCode()).as(platformAdmin.body()).isEqualTo(200);
        assertThat(platformAdmin.body()).as("B's two, for the platform admin acting for B")
                .isEqualTo("{\"calendars\":2,\"resources\":0,\"links\":0,\"conflicts_holding\":2,\"detected\":0,\"cleared\":0}");
        assertThat(conflicts.withKey(hall.value())).as("nothing published beyond the detection").hasSize(1);
        assertThat(conflicts.withKey(ballroom.value())).as("nothing published beyond the detection").hasSize(1);
        List<PlatformAdminActed> recorded = await().atMost(PATIENCE)
                .until(() -> audit.withKey(tenantB), records -> !records.isEmpty()).stream()
                .map(record -> (PlatformAdminActed) decode(record).event()).toList();
        assertThat(recorded).extracting(PlatformAdminActed::method, PlatformAdminActed::path, PlatformAdminActed::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/api/v1/conflicts/detect", 200));
    }

    private HttpResponse<String> detect(String bearer, String tenantHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/conflicts/detect"))
                .header("Authorization", bearer)
                .timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (tenantHeader != null) {
            request.header("X-Almanac-Tenant", tenantHeader);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ReceivedEvent decode(ConsumerRecord<String, byte[]> record) {
        return codec.fromRecord(record);
    }

    private static String tenant(String name) {
        return name + "-" + HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt(),
                (byte) ThreadLocalRandom.current().nextInt()});
    }

    private void publish(AlmanacEvent event) {
        try {
            publisher.publish(IntegrationTestSupport.metadataFor(event, 0), event).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event, e);
        }
    }

    /** Two items of the calendar's tenant at once on a calendar of capacity one: the conflict's id. */
    private String doubleBooking(CalendarId calendar) {
        String tenant = calendar.value().substring(0, calendar.value().indexOf(':'));
        publish(IntegrationTestSupport.calendarCreated(calendar, CalendarType.VENUE, 1));
        // One stem, so that the conflict's keys sort gala before review, as its id derives them.
        String stem = tenant + ":item-" + UUID.randomUUID();
        String review = stem + "-review";
        String gala = stem + "-gala";
        publish(IntegrationTestSupport.itemScheduled(calendar, review, "Quarterly review", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z"));
        publish(IntegrationTestSupport.itemScheduled(calendar, gala, "Gala", "2026-12-01T15:30:00Z", "2026-12-01T18:00:00Z"));
        ConsumerRecord<String, byte[]> detected = await().atMost(PATIENCE)
                .until(() -> conflicts.withKey(calendar.value()), records -> !records.isEmpty()).get(0);
        assertThat(decode(detected).event()).isInstanceOf(ConflictDetected.class);
        return Identifiers.derive("conflict", calendar.value(), "item:" + gala, "item:" + review);
    }

    private HttpResponse<String> post(String bearer, String tenantHeader, String conflictId, String command, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/conflicts/" + conflictId + "/" + command))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", bearer)
                .header("If-Match", "\"0\"")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (tenantHeader != null) {
            request.header("X-Almanac-Tenant", tenantHeader);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
