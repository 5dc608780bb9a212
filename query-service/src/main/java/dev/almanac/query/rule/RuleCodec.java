package dev.almanac.query.rule;

import static dev.almanac.query.readmodel.MongoValues.date;
import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.instant;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.strings;
import static dev.almanac.query.readmodel.MongoValues.wire;

import java.time.ZoneId;

import org.bson.Document;

import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.Versioned;

/** {@link Rule} as its document in {@code rules}, in snake_case like its JSON. */
public final class RuleCodec implements DocumentCodec<Rule> {

    static final String CALENDAR_ID = "calendar_id";

    @Override
    public String id(Rule rule) {
        return rule.id();
    }

    @Override
    public Document encode(Rule rule) {
        return new Document("_id", rule.id())
                .append("name", rule.name())
                .append("cron", rule.cron())
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
                        .append("max_history", rule.options().maxHistory()))
                .append("metadata", new Document("owner", rule.metadata().owner())
                        .append("description", rule.metadata().description())
                        .append("tags", rule.metadata().tags()))
                .append("status", rule.status())
                .append("created_at", date(rule.createdAt()))
                .append("created_by", rule.createdBy())
                .append(Versioned.FIELD, rule.version());
    }

    @Override
    public Rule decode(Document document) {
        Document dst = document.get("dst_policy", Document.class);
        Document template = document.get("job_template", Document.class);
        Document options = document.get("options", Document.class);
        Document metadata = document.get("metadata", Document.class);
        return new Rule(
                document.getString("_id"),
                document.getString("name"),
                document.getString("cron"),
                ZoneId.of(document.getString("timezone")),
                document.getString(CALENDAR_ID),
                longValue(document, "duration_seconds"),
                instant(document, "active_from"),
                new DstPolicy(fromWire(GapPolicy.class, dst.getString("gap")), fromWire(OverlapPolicy.class, dst.getString("overlap"))),
                new JobTemplate(template.getString("type"), template.get("payload", Document.class),
                        template.getInteger("priority"), template.getInteger("timeout_seconds")),
                new RuleOptions(options.getInteger("max_concurrent"), options.getInteger("jitter_seconds", 0),
                        fromWire(RetryPolicy.class, options.getString("retry_policy")), options.getBoolean("catchup", false),
                        options.getInteger("max_history")),
                new RuleMetadata(metadata.getString("owner"), metadata.getString("description"), strings(metadata, "tags")),
                document.getString("status"),
                instant(document, "created_at"),
                document.getString("created_by"),
                longValue(document, Versioned.FIELD));
    }
}
