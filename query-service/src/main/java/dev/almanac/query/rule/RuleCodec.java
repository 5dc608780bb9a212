package dev.almanac.query.rule;

import static dev.almanac.query.readmodel.MongoValues.date;
import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.fromWireOrNull;
import static dev.almanac.query.readmodel.MongoValues.instant;
import static dev.almanac.query.readmodel.MongoValues.instantOrNull;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.putIfPresent;
import static dev.almanac.query.readmodel.MongoValues.strings;
import static dev.almanac.query.readmodel.MongoValues.wire;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.CatchupPolicy;
import dev.almanac.events.rule.ConcurrencyPolicy;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.Heartbeat;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.platform.recurrence.RecurrenceDocuments;
import dev.almanac.query.readmodel.DocumentCodec;
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
    /** The rule's own events ({@link RuleHistory}): {@code [{t: ce_type, v: version, at: time, e: JSON}]}; absent when none. */
    static final String HISTORY = "history";
    private static final String HISTORY_TYPE = "t";
    private static final String HISTORY_VERSION = "v";
    private static final String HISTORY_TIME = "at";
    private static final String HISTORY_EVENT = "e";

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
                    .append(RRULE, RecurrenceDocuments.rrule(rule.rrule()))
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
                            .append("catchup_policy", rule.options().catchupPolicy() == null ? null : wire(rule.options().catchupPolicy()))
                            .append("retry_limit", rule.options().retryLimit())
                            .append("retry_backoff_seconds", rule.options().retryBackoffSeconds())
                            .append("concurrency_policy", rule.options().concurrencyPolicy() == null ? null
                                    : wire(rule.options().concurrencyPolicy()))
                            .append("heartbeat", rule.options().heartbeat() == null ? null
                                    : new Document("interval_seconds", rule.options().heartbeat().intervalSeconds())
                                    .append("grace_seconds", rule.options().heartbeat().graceSeconds())))
                    .append("metadata", new Document("owner", rule.metadata().owner())
                            .append("description", rule.metadata().description())
                            .append("tags", rule.metadata().tags()));
            if (rule.metadata().keptPrivate()) {
                document.get("metadata", Document.class).append("private", true);
            }
        }
        document.append("status", rule.status());
        putIfPresent(document, "created_at", rule.createdAt());
        putIfPresent(document, "created_by", rule.createdBy());
        putIfPresent(document, PAUSED_AT, rule.pausedAt());
        putIfPresent(document, PAUSED_BY, rule.pausedBy());
        putIfPresent(document, RESUME_AFTER, rule.resumeAfter());
        putIfPresent(document, PAUSE_REASON, rule.pauseReason());
        // The series' exceptions (ADR 0023), as rule-expander stores them.
        document.putAll(RecurrenceDocuments.presentFields(rule.exceptions()));
        // The rule's own events, from which its timeline is folded again (RuleHistory).
        List<Document> history = new ArrayList<>(rule.history().events().size());
        for (RuleHistory.Recorded recorded : rule.history().events()) {
            history.add(new Document(HISTORY_TYPE, recorded.type()).append(HISTORY_VERSION, recorded.version())
                    .append(HISTORY_TIME, date(recorded.time())).append(HISTORY_EVENT, recorded.json()));
        }
        if (!history.isEmpty()) {
            document.append(HISTORY, history);
        }
        return document.append(Versioned.FIELD, rule.version());
    }

    private static @Nullable Heartbeat heartbeat(@Nullable Document heartbeat) {
        return heartbeat == null ? null : new Heartbeat(heartbeat.getInteger("interval_seconds"), heartbeat.getInteger("grace_seconds"));
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
                RecurrenceDocuments.rrule(document.get(RRULE, Document.class)),
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
                        options.getInteger("max_history"), fromWireOrNull(CatchupPolicy.class, options.getString("catchup_policy")),
                        options.getInteger("retry_limit"), options.getInteger("retry_backoff_seconds"),
                        fromWireOrNull(ConcurrencyPolicy.class, options.getString("concurrency_policy")),
                        heartbeat(options.get("heartbeat", Document.class))) : null,
                defined ? new RuleMetadata(metadata.getString("owner"), metadata.getString("description"), strings(metadata, "tags"),
                        metadata.getBoolean("private", false))
                        : null,
                document.getString("status"),
                instantOrNull(document, "created_at"),
                document.getString("created_by"),
                instantOrNull(document, PAUSED_AT),
                document.getString(PAUSED_BY),
                instantOrNull(document, RESUME_AFTER),
                document.getString(PAUSE_REASON),
                longValue(document, Versioned.FIELD),
                RecurrenceDocuments.exceptions(document),
                history(document));
    }

    private static RuleHistory history(Document document) {
        List<Document> kept = document.getList(HISTORY, Document.class);
        if (kept == null || kept.isEmpty()) {
            return RuleHistory.EMPTY;
        }
        List<RuleHistory.Recorded> events = new ArrayList<>(kept.size());
        for (Document recorded : kept) {
            events.add(new RuleHistory.Recorded(recorded.getString(HISTORY_TYPE), longValue(recorded, HISTORY_VERSION),
                    instant(recorded, HISTORY_TIME), recorded.getString(HISTORY_EVENT)));
        }
        return new RuleHistory(events);
    }
}
