package dev.almanac.platform.recurrence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.recurrence.SeriesExceptions;

/**
 * The BSON form of a rule's recurrence, shared by rule-expander's {@code rules} collection and query-service's read
 * model of rules: an RRULE as a sub-document, and the series' exceptions (ADR 0023) as three fields of the rule's
 * document. Each service lays out the rest of its rule document its own way.
 */
public final class RecurrenceDocuments {

    /** The recurrence ids cancelled, as BSON dates. */
    public static final String CANCELLED = "cancelled";
    /** The moves: {@code r}, the recurrence id, and {@code s}, the start it moved to, both BSON dates. */
    public static final String MOVED = "moved";
    /** The end of the series, a BSON date; absent or null while it has none. */
    public static final String ENDS_AT = "ends_at";

    private static final String RECURRENCE_ID = "r";
    private static final String START = "s";

    private RecurrenceDocuments() {
    }

    /**
     * An RRULE with its start and its excluded and added dates. Local date-times are ISO text, read in the rule's zone:
     * a BSON date would need a zone it does not carry.
     */
    public static @Nullable Document rrule(@Nullable RecurrenceRule rrule) {
        if (rrule == null) {
            return null;
        }
        return new Document("rrule", rrule.rrule())
                .append("dtstart", rrule.dtstart().toString())
                .append("exdates", rrule.exdates().stream().map(LocalDateTime::toString).toList())
                .append("rdates", rrule.rdates().stream().map(LocalDateTime::toString).toList());
    }

    /** The RRULE {@link #rrule(RecurrenceRule)} wrote; null for a rule scheduled by its cron. */
    public static @Nullable RecurrenceRule rrule(@Nullable Document document) {
        if (document == null) {
            return null;
        }
        return new RecurrenceRule(document.getString("rrule"), LocalDateTime.parse(document.getString("dtstart")),
                dates(document, "exdates"), dates(document, "rdates"));
    }

    /** The value of {@link #CANCELLED}: the recurrence ids cancelled, in order. */
    public static List<Date> cancelled(SeriesExceptions exceptions) {
        return exceptions.cancelled().stream().map(Date::from).toList();
    }

    /** The value of {@link #MOVED}: the moves, by recurrence id. */
    public static List<Document> moved(SeriesExceptions exceptions) {
        return exceptions.moved().entrySet().stream()
                .map(move -> new Document(RECURRENCE_ID, Date.from(move.getKey())).append(START, Date.from(move.getValue())))
                .toList();
    }

    /** The value of {@link #ENDS_AT}. */
    public static @Nullable Date endsAt(SeriesExceptions exceptions) {
        return exceptions.endsAt() == null ? null : Date.from(exceptions.endsAt());
    }

    /** The exceptions' fields, those that hold something only: a document without exceptions has none of them. */
    public static Document presentFields(SeriesExceptions exceptions) {
        Document fields = new Document();
        if (!exceptions.cancelled().isEmpty()) {
            fields.append(CANCELLED, cancelled(exceptions));
        }
        if (!exceptions.moved().isEmpty()) {
            fields.append(MOVED, moved(exceptions));
        }
        Date endsAt = endsAt(exceptions);
        if (endsAt != null) {
            fields.append(ENDS_AT, endsAt);
        }
        return fields;
    }

    /** The exceptions of a rule's document; {@link SeriesExceptions#NONE} when it has none (as every one stored before them). */
    public static SeriesExceptions exceptions(Document document) {
        Set<Instant> cancelled = new HashSet<>();
        document.getList(CANCELLED, Date.class, List.of()).forEach(date -> cancelled.add(date.toInstant()));
        Map<Instant, Instant> moved = new HashMap<>();
        document.getList(MOVED, Document.class, List.of())
                .forEach(move -> moved.put(move.getDate(RECURRENCE_ID).toInstant(), move.getDate(START).toInstant()));
        Date endsAt = document.getDate(ENDS_AT);
        return cancelled.isEmpty() && moved.isEmpty() && endsAt == null ? SeriesExceptions.NONE
                : new SeriesExceptions(cancelled, moved, endsAt == null ? null : endsAt.toInstant());
    }

    private static List<LocalDateTime> dates(Document document, String field) {
        return document.getList(field, String.class, List.of()).stream().map(LocalDateTime::parse).toList();
    }
}
