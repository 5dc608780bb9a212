package dev.almanac.query.audit;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Tenant;
import dev.almanac.events.audit.CommandRefused;
import dev.almanac.events.audit.PlatformAdminActed;
import dev.almanac.query.access.CalendarAccesses;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.conflict.Conflicts;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.readmodel.ProjectedEvent;
import dev.almanac.query.readmodel.ProjectionFollower;
import dev.almanac.query.rule.Rules;

/**
 * Records every event that changed an entry, rule, conflict, calendar or its grants, and every refused command, in
 * {@value #COLLECTION}: one document per event and entity, written twice, under the calendar and under the actor, each
 * keyed by {@code c/<calendar>/<time>/<id>} or {@code a/<actor>/<time>/<id>} with the time as fixed-width epoch
 * milliseconds, so that a page of one calendar's or one actor's records over a time range is one range read on
 * {@code _id}, the one index the read models' store keeps (ADR 0081). A platform admin's request in a tenant is written
 * once, under the tenant, {@code p/<tenant>/<time>/<id>}: the tenant's admins read them there, and neither a calendar's nor
 * an actor's trail holds them (ADR 0102). Written by key, so a batch that comes again changes nothing.
 */
@Component
public class AuditTrail implements ProjectionFollower {

    static final String COLLECTION = "audit_records";
    static final String BY_CALENDAR = "c/";
    static final String BY_ACTOR = "a/";
    /** Platform admins' requests, by the tenant they acted in. */
    static final String BY_TENANT_PLATFORM_ADMINS = "p/";

    private static final Set<String> FOLLOWED = Set.of(Entries.COLLECTION, Rules.COLLECTION, Conflicts.COLLECTION,
            Calendars.COLLECTION, CalendarAccesses.COLLECTION);
    /** Fields that say nothing a person changed: the version, and a rule's history of its own events. */
    private static final Set<String> UNTOLD = Set.of("_id", "version", "history");
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoDatabase database;
    private final MongoCollection<Document> records;
    private final Duration timeout;

    public AuditTrail(MongoDatabase database, @Value("${almanac.query.projection-write-timeout:30s}") Duration timeout) {
        this.database = database;
        this.records = database.getCollection(COLLECTION);
        this.timeout = timeout;
    }

    @Override
    public boolean follows(String collection) {
        return FOLLOWED.contains(collection);
    }

    @Override
    public void follow(List<ProjectedEvent> events) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (ProjectedEvent event : events) {
            if (event.event() instanceof CommandRefused refused) {
                String calendar = refused.calendarId() != null ? refused.calendarId() : calendarOf(refused.targetId());
                keep(writes, refusal(event, refused, calendar));
                continue;
            }
            if (event.event() instanceof PlatformAdminActed acted) {
                keepUnderTenant(writes, platformAdminRequest(event, acted), acted.tenant());
                continue;
            }
            for (ProjectedEvent.StateChange change : event.changes()) {
                if (follows(change.collection())) {
                    keep(writes, record(event, change));
                }
            }
        }
        if (writes.isEmpty()) {
            return;
        }
        Mono.from(records.bulkWrite(writes, UNORDERED)).then()
                .onErrorResume(MongoBulkWriteException.class, failure -> {
                    for (BulkWriteError error : failure.getWriteErrors()) {
                        if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                            return Mono.error(failure);
                        }
                    }
                    return Mono.empty();
                }).block(timeout);
    }

    /** The record under its calendar and under its actor; a record of no calendar only under its actor. */
    private static void keep(List<WriteModel<Document>> writes, Document record) {
        String time = key(record.getDate("at").getTime());
        String id = record.getString("id");
        String calendar = record.getString("calendar_id");
        Set<String> keys = new LinkedHashSet<>();
        if (calendar != null) {
            keys.add(BY_CALENDAR + calendar + "/" + time + "/" + id);
        }
        keys.add(BY_ACTOR + record.getString("actor") + "/" + time + "/" + id);
        for (String key : keys) {
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", key), new Document(record).append("_id", key), new ReplaceOptions().upsert(true)));
        }
    }

    /** The record under its tenant's platform-admin trail only. */
    private static void keepUnderTenant(List<WriteModel<Document>> writes, Document record, Tenant tenant) {
        String key = BY_TENANT_PLATFORM_ADMINS + tenant.name() + "/" + key(record.getDate("at").getTime()) + "/" + record.getString("id");
        writes.add(new ReplaceOneModel<>(Filters.eq("_id", key), new Document(record).append("_id", key), new ReplaceOptions().upsert(true)));
    }

    /** Epoch milliseconds, fixed width, so that keys sort by time. */
    static String key(long epochMillis) {
        return String.format(Locale.ROOT, "%015d", Math.max(0, epochMillis));
    }

    private static Document record(ProjectedEvent event, ProjectedEvent.StateChange change) {
        Document after = change.after();
        String calendar = switch (change.collection()) {
            case Calendars.COLLECTION, CalendarAccesses.COLLECTION -> change.id();
            default -> after.getString("calendar_id");
        };
        String entityKind = switch (change.collection()) {
            case Entries.COLLECTION -> "occurrence".equals(after.getString("kind")) ? "occurrence" : "item";
            case Rules.COLLECTION -> "rule";
            case Conflicts.COLLECTION -> "conflict";
            case Calendars.COLLECTION -> "calendar";
            default -> "calendar_access";
        };
        Document record = envelope(event, event.metadata().id() + "/" + entityKind + ":" + change.id(), calendar)
                .append("entity_kind", entityKind).append("entity_id", change.id())
                .append("version", after.get("version"));
        String ruleId = after.getString("rule_id");
        if (ruleId != null) {
            record.append("rule_id", ruleId);
        }
        return record.append("changes", differences(change.before(), after));
    }

    private static Document refusal(ProjectedEvent event, CommandRefused refused, @Nullable String calendar) {
        List<Document> violations = refused.violations().stream()
                .map(violation -> new Document("field", violation.field()).append("rule", violation.rule())).toList();
        return envelope(event, event.metadata().id(), calendar)
                .append("entity_id", refused.targetId())
                .append("refusal", new Document("command", refused.command()).append("status", refused.status())
                        .append("problem_type", refused.problemType()).append("detail", refused.detail()).append("violations", violations));
    }

    /** Who (the platform admin), when, and the request: the service that answered it, its method, path and status. */
    private static Document platformAdminRequest(ProjectedEvent event, PlatformAdminActed acted) {
        return envelope(event, event.metadata().id(), null)
                .append("actor", acted.platformAdmin().value())
                .append("entity_id", acted.path())
                .append("request", new Document("service", event.metadata().source()).append("method", acted.method())
                        .append("path", acted.path()).append("status", acted.status()));
    }

    private static Document envelope(ProjectedEvent event, String id, @Nullable String calendar) {
        Document record = new Document("id", id).append("event_id", event.metadata().id())
                .append("type", event.event().getClass().getSimpleName())
                .append("at", java.util.Date.from(event.metadata().time()))
                .append("actor", event.metadata().actor())
                .append("correlation_id", event.metadata().correlationId());
        if (calendar != null) {
            record.append("calendar_id", calendar);
        }
        if (event.metadata().causationId() != null) {
            record.append("causation_id", event.metadata().causationId());
        }
        String reason = reasonOf(event.event());
        if (reason != null) {
            record.append("reason", reason);
        }
        return record;
    }

    /** The fields that differ, each with its value before (absent for a new entity) and after. */
    static Document differences(@Nullable Document before, Document after) {
        Set<String> fields = new LinkedHashSet<>(after.keySet());
        if (before != null) {
            fields.addAll(before.keySet());
        }
        Document changes = new Document();
        for (String field : fields) {
            if (UNTOLD.contains(field)) {
                continue;
            }
            Object old = before == null ? null : before.get(field);
            Object now = after.get(field);
            if (before != null && java.util.Objects.equals(old, now)) {
                continue;
            }
            Document change = new Document();
            if (before != null) {
                change.append("old", old);
            }
            changes.append(field, change.append("new", now));
        }
        return changes;
    }

    /** The reason the event gives, where its type has one: a text or a named reason. */
    static @Nullable String reasonOf(AlmanacEvent event) {
        if (!event.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            if (!component.getName().equals("reason")) {
                continue;
            }
            try {
                Object value = component.getAccessor().invoke(event);
                if (value instanceof Enum<?> named) {
                    return named.name().toLowerCase(Locale.ROOT);
                }
                return value == null ? null : value.toString();
            } catch (ReflectiveOperationException unreadable) {
                return null;
            }
        }
        return null;
    }

    /** The calendar of a refused command's target: an item's or occurrence's, a rule's queue, or a calendar itself. */
    private @Nullable String calendarOf(String targetId) {
        for (String collection : List.of(Entries.COLLECTION, Rules.COLLECTION)) {
            Document found = Mono.from(database.getCollection(collection).find(Filters.eq("_id", targetId))
                    .projection(Projections.include("calendar_id")).first()).block(timeout);
            if (found != null && found.getString("calendar_id") != null) {
                return found.getString("calendar_id");
            }
        }
        Document calendar = Mono.from(database.getCollection(Calendars.COLLECTION).find(Filters.eq("_id", targetId)).first()).block(timeout);
        return calendar == null ? null : targetId;
    }

}
