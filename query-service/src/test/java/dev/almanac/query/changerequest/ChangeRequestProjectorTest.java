package dev.almanac.query.changerequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.rule.ChangeRequestId;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeRejected;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.projection.ProjectionOutcome;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.Received;

/** Change requests by id, and each rule's open ones as one document that follows them. */
class ChangeRequestProjectorTest {

    private MongoDatabase database;
    private Projections projections;

    @BeforeEach
    void emptyReadModels() {
        database = InMemoryMongo.freshDatabase("change_requests");
        projections = new Projections(database, Duration.ofSeconds(10));
    }

    @Test
    void aProposalIsKeptWithWhatItsProposerWasShownAndListedOpenUnderItsRule() {
        RuleChangeProposed proposed = EventSamples.ruleChangeProposed();

        assertThat(apply(proposed, 0)).isEqualTo(ProjectionOutcome.APPLIED);

        ChangeRequest stored = new ChangeRequests(database).find(proposed.changeRequestId().value()).block();
        assertThat(stored.proposal()).isEqualTo(proposed);
        assertThat(stored.proposedBy()).isEqualTo("tester");
        assertThat(stored.status()).isEqualTo(ChangeRequest.Status.PROPOSED);
        assertThat(stored.version()).isZero();
        assertThat(open(proposed.ruleId().value())).containsExactly(proposed.changeRequestId().value());
    }

    @Test
    void aDecisionClosesTheProposalAndTakesItOffItsRulesList() {
        RuleChangeProposed proposed = EventSamples.ruleChangeProposed();
        RuleChangeProposed other = withId(proposed, "chg-weekly-pause", RuleChange.pause(null));
        apply(proposed, 0);
        apply(other, 0);
        assertThat(open("rule-weekly")).containsExactly("chg-weekly-move", "chg-weekly-pause");

        apply(EventSamples.ruleChangeConfirmed(), 1);
        apply(EventSamples.ruleChangeRejected(), 1);

        ChangeRequest confirmed = new ChangeRequests(database).find("chg-weekly-move").block();
        assertThat(confirmed.status()).isEqualTo(ChangeRequest.Status.CONFIRMED);
        assertThat(confirmed.appliedRuleVersion()).isEqualTo(4);
        assertThat(confirmed.decidedAt()).isEqualTo(EventSamples.ruleChangeConfirmed().confirmedAt());
        ChangeRequest rejected = new ChangeRequests(database).find("chg-weekly-pause").block();
        assertThat(rejected.status()).isEqualTo(ChangeRequest.Status.REJECTED);
        assertThat(rejected.rejectionReason()).isEqualTo("Proposed by mistake");
        assertThat(open("rule-weekly")).isEmpty();
    }

    @Test
    void aRedeliveredProposalDoesNotReopenADecidedOne() {
        RuleChangeProposed proposed = EventSamples.ruleChangeProposed();
        apply(proposed, 0);
        apply(EventSamples.ruleChangeConfirmed(), 1);

        assertThat(apply(proposed, 0)).isEqualTo(ProjectionOutcome.ALREADY_APPLIED);

        assertThat(open("rule-weekly")).isEmpty();
        assertThat(new ChangeRequests(database).find("chg-weekly-move").block().status()).isEqualTo(ChangeRequest.Status.CONFIRMED);
    }

    @Test
    void aRulesListDropsProposalsThatExpiredBeforeTheLatestEventItFolds() {
        RuleChangeProposed stale = EventSamples.ruleChangeProposed();
        RuleChangeProposed later = new RuleChangeProposed(ChangeRequestId.of("chg-weekly-later"), stale.ruleId(), stale.ruleVersion(),
                stale.expiresAt().plusSeconds(1), stale.expiresAt().plus(Duration.ofHours(1)), null, RuleChange.resume(), null,
                "Resume the rule", stale.before(), stale.after(), List.of());
        apply(stale, 0);

        apply(later, 0);

        assertThat(open("rule-weekly")).containsExactly("chg-weekly-later");
        // The stale one is still found by id; only the rule's list lets it go.
        assertThat(new ChangeRequests(database).find("chg-weekly-move").block()).isNotNull();
    }

    @Test
    void aDecisionSeenBeforeItsProposalIsKeptButNotListed() {
        RuleChangeRejected rejected = EventSamples.ruleChangeRejected();

        assertThat(apply(rejected, 1)).isEqualTo(ProjectionOutcome.APPLIED);

        ChangeRequest stored = new ChangeRequests(database).find("chg-weekly-pause").block();
        assertThat(stored.isDefined()).isFalse();
        assertThat(open("rule-weekly")).isEmpty();
    }

    private ProjectionOutcome apply(AlmanacEvent event, long version) {
        return projections.apply(Received.of(event, version)).block(Duration.ofSeconds(10));
    }

    private List<String> open(String ruleId) {
        Document document = Mongo.document(database, ChangeRequests.BY_RULE, ruleId);
        return document == null ? List.of() : document.getList("open", Document.class).stream().map(open -> open.getString("_id")).toList();
    }

    private static RuleChangeProposed withId(RuleChangeProposed proposed, String id, RuleChange change) {
        return new RuleChangeProposed(ChangeRequestId.of(id), proposed.ruleId(), proposed.ruleVersion(), proposed.proposedAt().plusSeconds(60),
                proposed.expiresAt(), null, change, null, "Pause the rule until it is resumed", proposed.before(), proposed.after(),
                List.of());
    }
}
