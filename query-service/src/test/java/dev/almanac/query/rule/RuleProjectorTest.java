package dev.almanac.query.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnabled;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleUpdated;
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

    @Test
    void aPauseKeepsTheDefinitionAndRecordsWhenByWhomAndUntilWhenAResumeClearsIt() {
        RuleCreated rule = EventSamples.ruleCreated();
        RulePaused paused = EventSamples.rulePaused();
        apply(rule, 0);

        assertThat(apply(paused, 1)).isEqualTo(ProjectionOutcome.APPLIED);
        assertThat(Mongo.document(database, Rules.COLLECTION, rule.ruleId().value()))
                .containsEntry("status", "paused")
                .containsEntry("paused_at", Date.from(paused.pausedAt()))
                .containsEntry("paused_by", "tester")
                .containsEntry("resume_after", Date.from(paused.resumeAfter()))
                .containsEntry("pause_reason", paused.reason())
                .containsEntry("cron", rule.cron())
                .containsEntry("version", 1L);

        assertThat(apply(EventSamples.ruleResumed(), 2)).isEqualTo(ProjectionOutcome.APPLIED);
        assertThat(Mongo.document(database, Rules.COLLECTION, rule.ruleId().value()))
                .containsEntry("status", "active")
                .doesNotContainKeys("paused_at", "paused_by", "resume_after", "pause_reason")
                .containsEntry("cron", rule.cron())
                .containsEntry("version", 2L);
        assertThat(apply(paused, 1)).as("a redelivered pause").isEqualTo(ProjectionOutcome.ALREADY_APPLIED);
    }

    @Test
    void anUpdateReplacesTheDefinitionAndKeepsThePauseAndTheCreation() {
        apply(EventSamples.ruleCreated(), 0);
        apply(EventSamples.rulePaused(), 1);

        RuleCreated nightly = EventSamples.ruleCreated();
        RuleUpdated update = new RuleUpdated(nightly.ruleId(), Instant.parse("2026-11-22T09:00:00Z"), nightly.name(), "15 3 * * *",
                null, null, nightly.timezone(), nightly.calendarId(), 1800, nightly.dstPolicy(), nightly.jobTemplate(),
                nightly.options(), nightly.metadata());

        assertThat(apply(update, 2)).isEqualTo(ProjectionOutcome.APPLIED);

        assertThat(Mongo.document(database, Rules.COLLECTION, EventSamples.NIGHTLY.value()))
                .containsEntry("cron", "15 3 * * *")
                .containsEntry("duration_seconds", 1800L)
                .containsEntry("status", "paused")
                .containsKeys("paused_at", "created_at", "active_from")
                .containsEntry("version", 2L);
        assertThat(apply(update, 2)).as("a redelivered update").isEqualTo(ProjectionOutcome.ALREADY_APPLIED);
    }

    @Test
    void aDisabledRuleShowsDisabledUntilEnabled() {
        apply(EventSamples.ruleCreated(), 0);

        assertThat(apply(new RuleDisabled(EventSamples.NIGHTLY, Instant.parse("2026-11-22T09:00:00Z"), null), 1))
                .isEqualTo(ProjectionOutcome.APPLIED);
        // When it was disabled is kept: views hold back its occurrences from then on, and it tells a disabled rule from a deleted one.
        assertThat(Mongo.document(database, Rules.COLLECTION, EventSamples.NIGHTLY.value())).containsEntry("status", "disabled")
                .containsEntry("paused_at", Date.from(Instant.parse("2026-11-22T09:00:00Z")));

        apply(new RuleEnabled(EventSamples.NIGHTLY, Instant.parse("2026-11-23T09:00:00Z")), 2);
        assertThat(Mongo.document(database, Rules.COLLECTION, EventSamples.NIGHTLY.value()))
                .containsEntry("status", "active").containsEntry("version", 2L);
    }

    @Test
    void aDeletedRuleIsDisabled() {
        apply(EventSamples.ruleCreated(), 0);

        assertThat(apply(EventSamples.ruleDeleted(), 3)).isEqualTo(ProjectionOutcome.APPLIED);

        assertThat(Mongo.document(database, Rules.COLLECTION, EventSamples.NIGHTLY.value()))
                .containsEntry("status", "disabled").containsEntry("version", 3L).doesNotContainKey("paused_at");
    }

    @Test
    void aPauseSeenBeforeItsRulesCreationIsKeptWithoutADefinition() {
        assertThat(apply(EventSamples.rulePaused(), 1)).isEqualTo(ProjectionOutcome.APPLIED);

        Rule stored = new RuleCodec().decode(Mongo.document(database, Rules.COLLECTION, EventSamples.NIGHTLY.value()));
        assertThat(stored.isDefined()).isFalse();
        assertThat(stored.status()).isEqualTo("paused");
    }

    @Test
    void theStatusOfAPauseEndsWithItsResumeAfter() {
        Rule paused = Rule.paused(null, EventSamples.rulePaused(), Received.metadata(EventSamples.rulePaused(), 1,
                Instant.parse("2026-11-21T10:00:00Z")));
        Instant resumeAfter = EventSamples.rulePaused().resumeAfter();

        assertThat(paused.statusAt(resumeAfter.minusMillis(1))).isEqualTo("paused");
        assertThat(paused.statusAt(resumeAfter)).isEqualTo("active");
    }

    private ProjectionOutcome apply(dev.almanac.events.AlmanacEvent event, long version) {
        return projections.apply(Received.of(event, version)).block(Duration.ofSeconds(5));
    }
}
