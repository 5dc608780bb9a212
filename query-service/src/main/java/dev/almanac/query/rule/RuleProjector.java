package dev.almanac.query.rule;

import static dev.almanac.query.readmodel.MongoValues.wire;

import java.util.List;

import com.mongodb.client.model.Updates;
import org.bson.Document;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.query.readmodel.Projector;
import dev.almanac.query.readmodel.ReadModelWrite;

/** Projects recurring rules into {@link Rules#COLLECTION}, in snake_case like their JSON. */
public final class RuleProjector implements Projector, RuleEvent.Handler<Decision<List<ReadModelWrite>>> {

    /** A created rule is active until a later event (pause, disable, expiry) says otherwise. */
    static final String ACTIVE = "active";

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public Decision<List<ReadModelWrite>> on(RuleCreated rule, EventMetadata envelope) {
        return Projector.writes(new ReadModelWrite(Rules.COLLECTION, rule.ruleId().value(), envelope.aggregateVersion(),
                Updates.combine(
                        Updates.set("name", rule.name()),
                        Updates.set("cron", rule.cron()),
                        Updates.set("timezone", rule.timezone().getId()),
                        Updates.set(Rules.CALENDAR_ID, rule.calendarId().value()),
                        Updates.set("duration_seconds", rule.durationSeconds()),
                        Updates.set("active_from", rule.activeFrom()),
                        Updates.set("dst_policy", dstPolicy(rule.dstPolicy())),
                        Updates.set("job_template", jobTemplate(rule.jobTemplate())),
                        Updates.set("options", options(rule.options())),
                        Updates.set("metadata", metadata(rule.metadata())),
                        Updates.set("status", ACTIVE),
                        Updates.set("created_at", envelope.time()),
                        Updates.set("created_by", envelope.actor()))));
    }

    private static Document dstPolicy(DstPolicy policy) {
        return new Document("gap", wire(policy.gap())).append("overlap", wire(policy.overlap()));
    }

    private static Document jobTemplate(JobTemplate template) {
        return new Document("type", template.type())
                .append("payload", new Document(template.payload()))
                .append("priority", template.priority())
                .append("timeout_seconds", template.timeoutSeconds());
    }

    private static Document options(RuleOptions options) {
        return new Document("max_concurrent", options.maxConcurrent())
                .append("jitter_seconds", options.jitterSeconds())
                .append("retry_policy", wire(options.retryPolicy()))
                .append("catchup", options.catchup())
                .append("max_history", options.maxHistory());
    }

    private static Document metadata(RuleMetadata metadata) {
        return new Document("owner", metadata.owner())
                .append("description", metadata.description())
                .append("tags", metadata.tags());
    }
}
