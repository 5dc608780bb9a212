package dev.almanac.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.Tenant;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.audit.PlatformAdminActed;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.projection.ProjectionOutcome;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.projection.RecordPosition;
import dev.almanac.query.support.Mongo;

/**
 * ADR 0102: a platform admin's request, as shared-platform records it on the audit topic, changes no read model, and the
 * audit trail keeps it once, under the tenant it acted in, with who, when and the request; under no calendar and no actor.
 */
class PlatformAdminTrailTest {

    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");

    private MongoDatabase database;
    private Projections projections;
    private long offset;

    @BeforeEach
    void emptyTrail() {
        database = InMemoryMongo.freshDatabase("platform_admin_trail");
        projections = new Projections(database, Duration.ofSeconds(10), List.of(new AuditTrail(database, Duration.ofSeconds(10))));
    }

    @AfterEach
    void stop() {
        projections.destroy();
    }

    @Test
    void aPlatformAdminsRequestIsKeptOnceUnderItsTenantWithWhoWhenAndTheRequest() {
        PlatformAdminActed acted = new PlatformAdminActed(Tenant.of("globex"), UserId.of("support:carol"), "POST",
                "/api/v1/conflicts/detect", 200);

        List<ProjectionOutcome> outcomes = apply(acted, "evt-1", "/almanac/conflict-detector", AT);
        apply(new PlatformAdminActed(Tenant.of("acme"), UserId.of("support:dave"), "GET", "/api/v1/calendars", 200), "evt-2",
                "/almanac/query-service", AT.plusSeconds(1));

        assertThat(outcomes).as("no read model changes").containsExactly(ProjectionOutcome.IGNORED);
        List<Document> records = Mongo.all(database, AuditTrail.COLLECTION);
        assertThat(records).extracting(record -> record.getString("_id"))
                .as("one record each, under its tenant only: no calendar's or actor's trail holds them")
                .containsExactly("p/acme/" + AuditTrail.key(AT.plusSeconds(1).toEpochMilli()) + "/evt-2",
                        "p/globex/" + AuditTrail.key(AT.toEpochMilli()) + "/evt-1");
        Document globex = records.get(1);
        assertThat(globex)
                .containsEntry("type", "PlatformAdminActed")
                .containsEntry("actor", "support:carol")
                .containsEntry("at", Date.from(AT))
                .containsEntry("entity_id", "/api/v1/conflicts/detect")
                .containsEntry("correlation_id", "corr-evt-1")
                .doesNotContainKey("calendar_id");
        assertThat(globex.get("request", Document.class))
                .containsEntry("service", "/almanac/conflict-detector")
                .containsEntry("method", "POST")
                .containsEntry("path", "/api/v1/conflicts/detect")
                .containsEntry("status", 200);

        apply(acted, "evt-1", "/almanac/conflict-detector", AT);
        assertThat(Mongo.all(database, AuditTrail.COLLECTION)).as("a record read again changes nothing").hasSize(2);
    }

    private List<ProjectionOutcome> apply(PlatformAdminActed acted, String eventId, String source, Instant time) {
        EventMetadata metadata = new EventMetadata(eventId, EventCatalog.of(acted).ceType(), source, time, acted.subject(), 0,
                acted.platformAdmin().value(), "corr-" + eventId, null);
        return projections.applyNow(List.of(projections.decide(new ReceivedEvent(metadata, acted),
                new RecordPosition(Topics.AUDIT, 0, offset++))));
    }
}
