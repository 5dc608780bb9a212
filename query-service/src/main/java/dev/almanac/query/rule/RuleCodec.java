package dev.almanac.query.rule;

import static dev.almanac.query.readmodel.MongoValues.date;
import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.fromWireOrNull;
import static dev.almanac.query.readmodel.MongoValues.instantOrNull;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.putIfPresent;
import static dev.almanac.query.readmodel.MongoValues.strings;
import static dev.almanac.query.readmodel.MongoValues.wire;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.CatchupPolicy;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.recurrence.SeriesExceptions;
import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.MongoValues;
import dev.almanac.query.readmodel.Versioned;

/** {@link Rule} as its document in {@code rules}, in snake_case like its JSON. */
public final class RuleCodec implements DocumentCodec<Rule> {

    static final String CALENDAR_ID = "calendar_id";
    static final String PAUSED_AT = "paused_at";
    static final String PAUSED_BY = "paused_by";
    static final String RESUME_AFTER = "resume_after";
    static final String PAUSE_REASON = "pause_reason";
    /** Null or absent: a UNIX cron (as on rules stored before dialects). */
    static final String CRON_DIALECT = "cron_dialect";
    /** Null or absent: the rule is scheduled by its cron. */
    static final String RRULE = "rrule";
    /** The series' exceptions (ADR 0023): cancelled recurrence ids, moves ({@code r} recurrence id, {@code s} start), its end. */
    static final String CANCELLED = "cancelled";
    static final String MOVED = "moved";
    static final String ENDS_AT = "ends_at";

    @Override
    public String id(Rule rule) {
        return rule.id();
    }

    @Override
    public Document encode(Rule rule) {
        Document document = new Document("_id", rule.id());
        if (rule.isDefined()) {
            // Only a rule whose creation is unseen lacks these; they come and go together.
            document.append("name", rule.name())
                    .append("cron", rule.cron())
                    .append(CRON_DIALECT, rule.cronDialect() == null ? null : wire(rule.cronDialect()))
                    .append(RRULE, rrule(rule.rrule()))
                    .append("timezone", rule.timezone().getId())
                    .append(CALENDAR_ID, rule.calendarId())
                    .append("duration_seconds", rule.durationSeconds())
                    .append("active_from", date(rule.activeFrom()))
                    .append("dst_policy", new Document("gap", wire(rule.dstPolicy().gap()))
                            .append("overlap", wire(rule.dstPolicy().overlap())))
                    .append("job_template", new Document("type", rule.jobTemplate().type())
                            .append("payload", new Document(rule.jobTemplate().payload()))
                            .append("priority", rule.jobTemplate().priority())
                            .append("timeout_seconds", rule.jobTemplate().timeoutSeconds()))
                    .append("options", new Document("max_concurrent", rule.options().maxConcurrent())
                            .append("jitter_seconds", rule.options().jitterSeconds())
                            .append("retry_policy", wire(rule.options().retryPolicy()))
                            .append("catchup", rule.options().catchup())
                            .append("max_history", rule.options().maxHistory())
                            .append("catchup_policy", rule.options().catchupPolicy() == null ? null : wire(rule.options().catchupPolicy())))
                    .append("metadata", new Document("owner", rule.metadata().owner())
                            .append("description", rule.metadata().description())
                            .append("tags", rule.metadata().tags()));
        }
        document.append("status", rule.status());
        putIfPresent(document, "created_at", rule.createdAt());
        putIfPresent(document, "created_by", rule.createdBy());
        putIfPresent(document, PAUSED_AT, rule.pausedAt());
        putIfPresent(document, PAUSED_BY, rule.pausedBy());
        putIfPresent(document, RESUME_AFTER, rule.resumeAfter());
        putIfPresent(document, PAUSE_REASON, rule.pauseReason());
        SeriesExceptions exceptions = rule.exceptions();
        if (!exceptions.cancelled().isEmpty()) {
            document.append(CANCELLED, exceptions.cancelled().stream().map(MongoValues::date).toList());
        }
        if (!exceptions.moved().isEmpty()) {
            document.append(MOVED, exceptions.moved().entrySet().stream()
                    .map(move -> new Document("r", date(move.getKey())).append("s", date(move.getValue()))).toList());
        }
        putIfPresent(document, ENDS_AT, exceptions.endsAt());
        return document.append(Versioned.FIELD, rule.version());
    }

    @Override
    public Rule decode(Document document) {
        Document dst = document.get("dst_policy", Document.class);
        Document template = document.get("job_template", Document.class);
        Document options = document.get("options", Document.class);
        Document metadata = document.get("metadata", Document.class);
        boolean defined = document.getString("name") != null;
        return new Rule(
                document.getString("_id"),
                document.getString("name"),
                document.getString("cron"),
                fromWireOrNull(CronSyntax.class, document.getString(CRON_DIALECT)),
                rrule(document.get(RRULE, Document.class)),
                defined ? ZoneId.of(document.getString("timezone")) : null,
                document.getString(CALENDAR_ID),
                longValue(document, "duration_seconds"),
                instantOrNull(document, "active_from"),
                defined ? new DstPolicy(fromWire(GapPolicy.class, dst.getString("gap")),
                        fromWire(OverlapPolicy.class, dst.getString("overlap"))) : null,
                defined ? new JobTemplate(template.getString("type"), template.get("payload", Document.class),
                        template.getInteger("priority"), template.getInteger("timeout_seconds")) : null,
                defined ? new RuleOptions(options.getInteger("max_concurrent"), options.getInteger("jitter_seconds", 0),
                        fromWire(RetryPolicy.class, options.getString("retry_policy")), options.getBoolean("catchup", false),
                        options.getInteger("max_history"), fromWireOrNull(CatchupPolicy.class, options.getString("catchup_policy"))) : null,
                defined ? new RuleMetadata(metadata.getString("owner"), metadata.getString("description"), strings(metadata, "tags"))
                        : null,
                document.getString("status"),
                instantOrNull(document, "created_at"),
                document.getString("created_by"),
                instantOrNull(document, PAUSED_AT),
                document.getString(PAUSED_BY),
                instantOrNull(document, RESUME_AFTER),
                document.getString(PAUSE_REASON),
                longValue(document, Versioned.FIELD),
                exceptions(document));
    }

    /** Absent on rules without exceptions (and on every one stored before them): none. */
    private static SeriesExceptions exceptions(Document document) {
        Set<Instant> cancelled = new HashSet<>();
        document.getList(CANCELLED, Date.class, List.of()).forEach(date -> cancelled.add(date.toInstant()));
        Map<Instant, Instant> moved = new HashMap<>();
        document.getList(MOVED, Document.class, List.of()).forEach(move -> moved.put(move.getDate("r").toInstant(),
                move.getDate("s").toInstant()));
        Instant endsAt = instantOrNull(document, ENDS_AT);
        return cancelled.isEmpty() && moved.isEmpty() && endsAt == null ? SeriesExceptions.NONE
                : new SeriesExceptions(cancelled, moved, endsAt);
    }

    /** Local date-times as ISO text: they are read in the rule's zone, which a BSON date does not carry. */
    private static @Nullable Document rrule(@Nullable RecurrenceRule rrule) {
        if (rrule == null) {
            return null;
        }
        return new Document("rrule", rrule.rrule())
                .append("dtstart", rrule.dtstart().toString())
                .append("exdates", rrule.exdates().stream().map(LocalDateTime::toString).toList())
                .append("rdates", rrule.rdates().stream().map(LocalDateTime::toString).toList());
    }

    private static @Nullable RecurrenceRule rrule(@Nullable Document document) {
        if (document == null) {
            return null;
        }
        return new RecurrenceRule(document.getString("rrule"), LocalDateTime.parse(document.getString("dtstart")),
                strings(document, "exdates").stream().map(LocalDateTime::parse).toList(),
                strings(document, "rdates").stream().map(LocalDateTime::parse).toList());
    }
}
