package dev.almanac.query.audit;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import dev.almanac.query.readmodel.PlainJson;

/** One line of the audit trail: an event's effect on one entity, a refused command, or a platform admin's request. */
@Schema(name = "AuditRecord")
public record AuditRecordView(
        @Schema(description = "The record's id: the event id, and for a fact the entity it changed") String id,
        @Schema(description = "The event's id (ce_id)") String eventId,
        @Schema(description = "What happened: the event type, such as ItemRescheduled, or CommandRefused") String type,
        @Schema(description = "When it happened") Instant at,
        @Schema(description = "Who did it: the user, or the service for what a service decided") String actor,
        @Nullable String calendarId,
        @Schema(description = "item, occurrence, rule, conflict, calendar or calendar_access; null for a refusal") @Nullable String entityKind,
        @Schema(description = "The entity changed, the refused command's target, or the path a platform admin's request asked")
        String entityId,
        @Schema(description = "The entity's version after the event") @Nullable Long version,
        @Schema(description = "The rule of an occurrence") @Nullable String ruleId,
        @Schema(description = "Each field that changed, with its value before (old; absent for a new entity) and after (new)")
        @Nullable Map<String, Object> changes,
        @Schema(description = "The reason given with the change or the refused command") @Nullable String reason,
        String correlationId,
        @Schema(description = "What caused it: the command's id, or the event a service reacted to; absent where not recorded")
        @Nullable String causationId,
        @Schema(description = "For a refused command: the command, the status and problem type the caller got, its detail and violations")
        @Nullable Map<String, Object> refusal,
        @Schema(description = "For a platform admin's request (type PlatformAdminActed) in the caller's tenant: the service that "
                + "answered it, its method, path and the status answered")
        @Nullable Map<String, Object> request) {

    static AuditRecordView of(Document record) {
        Document changes = record.get("changes", Document.class);
        Document refusal = record.get("refusal", Document.class);
        Document request = record.get("request", Document.class);
        Object version = record.get("version");
        return new AuditRecordView(record.getString("id"), record.getString("event_id"), record.getString("type"),
                record.getDate("at").toInstant(), record.getString("actor"), record.getString("calendar_id"),
                record.getString("entity_kind"), record.getString("entity_id"),
                version == null ? null : ((Number) version).longValue(), record.getString("rule_id"),
                changes == null ? null : PlainJson.plain(changes), record.getString("reason"), record.getString("correlation_id"),
                record.getString("causation_id"), refusal == null ? null : PlainJson.plain(refusal),
                request == null ? null : PlainJson.plain(request));
    }
}
