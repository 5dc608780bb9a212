package dev.almanac.query.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.projection.ProjectionOutcome;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.Received;

class RuleProjectorTest {

    private MongoDatabase database;
    private Projections projections;

    @BeforeEach
    void emptyReadModels() {
        database = InMemoryMongo.freshDatabase("rule_projector");
        projections = new Projections(database, Duration.ofSeconds(10));
    }

    @Test
    void keepsTheWholeRuleDefinitionForLaterQueries() {
        RuleCreated rule = EventSamples.ruleCreated();

        assertThat(projections.apply(Received.of(rule, 0)).block(Duration.ofSeconds(5))).isEqualTo(ProjectionOutcome.APPLIED);

        Document stored = Mongo.document(database, Rules.COLLECTION, rule.ruleId().value());
        assertThat(stored)
                .containsEntry("name", rule.name())
                .containsEntry("cron", rule.cron())
                .containsEntry("timezone", rule.timezone().getId())
                .containsEntry("calendar_id", rule.calendarId().value())
                .containsEntry("duration_seconds", rule.durationSeconds())
                .containsEntry("active_from", Date.from(rule.activeFrom()))
                .containsEntry("status", "active")
                .containsEntry("created_by", "tester")
                .containsEntry("version", 0L);
        assertThat(stored.get("dst_policy", Document.class)).containsEntry("gap", "shift_forward").containsEntry("overlap", "earlier");
        Document template = stored.get("job_template", Document.class);
        assertThat(template).containsEntry("type", rule.jobTemplate().type()).containsEntry("priority", rule.jobTemplate().priority());
        assertThat(template.get("payload", Document.class)).containsEntry("action", "cleanup");
        assertThat(stored.get("options", Document.class)).containsEntry("retry_policy", "exponential")
                .containsEntry("max_concurrent", rule.options().maxConcurrent());
        assertThat(stored.get("metadata", Document.class)).containsEntry("owner", rule.metadata().owner())
                .containsEntry("tags", List.copyOf(rule.metadata().tags()));
    }

    @Test
    void aDuplicatedRuleCreationChangesNothing() {
        RuleCreated rule = EventSamples.ruleCreated();
        projections.apply(Received.of(rule, 0)).block(Duration.ofSeconds(5));
        List<Document> before = Mongo.all(database, Rules.COLLECTION);

        assertThat(projections.apply(Received.of(rule, 0)).block(Duration.ofSeconds(5))).isEqualTo(ProjectionOutcome.ALREADY_APPLIED);
        assertThat(Mongo.all(database, Rules.COLLECTION)).isEqualTo(before);
    }
}
