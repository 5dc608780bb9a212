package dev.almanac.events.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * The domain refused a command: an aggregate's rule (capacity, a state that does not allow it, a missing role) or a stale
 * {@code If-Match} (412). Nothing of the command was stored; this record is what the audit trail shows of it (ADR 0081). The
 * envelope carries who asked, the correlation id and, as causation, the command's id.
 *
 * @param command     the command's name, such as {@code RescheduleItem}
 * @param targetId    the aggregate the command named (an item, a rule, a calendar, a resource)
 * @param calendarId  the calendar the command concerned, where command-service knew it without reading anything
 * @param status      the HTTP status the caller got
 * @param problemType the RFC 9457 problem type the caller got
 * @param detail      the problem's detail
 * @param violations  the fields and rules the problem named; empty for a 412
 * @param reason      the reason the caller gave with the command, if any
 */
public record CommandRefused(
        String command,
        String targetId,
        @Nullable String calendarId,
        int status,
        String problemType,
        String detail,
        List<Violation> violations,
        @Nullable String reason) implements AuditEvent {

    public CommandRefused {
        violations = List.copyOf(violations);
    }

    /** One broken rule: the request field and the rule's name. */
    public record Violation(String field, String rule) {
    }

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String partitionKey() {
        return targetId;
    }

    @Override
    public String subject() {
        return targetId;
    }
}
