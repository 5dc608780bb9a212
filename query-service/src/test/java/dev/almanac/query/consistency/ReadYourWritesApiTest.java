package dev.almanac.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import reactor.test.StepVerifier;

import dev.almanac.events.EventSamples;
import dev.almanac.events.rule.ChangeRequestId;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.changerequest.ChangeRequests;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.resource.Resources;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.run.Runs;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;

/** The slice waits at most {@code almanac.query.consistency-wait} (see {@link QueryApiTest}) before answering stale. */
@QueryApiTest
class ReadYourWritesApiTest extends ReadModelApiTest {

    private static final String REVIEW = EventSamples.REVIEW.value();

    @Autowired
    Entries entries;

    @Autowired
    Calendars calendars;

    @Autowired
    Rules rules;

    @Autowired
    Runs runs;

    @Autowired
    ChangeRequests changeRequests;

    @Autowired
    Resources resources;

    @Test
    void aWriteAlreadyProjectedIsAnsweredFresh() {
        readModels.given(EventSamples.calendarCreated(), EventSamples.itemScheduled(), EventSamples.itemRescheduled());

        client.get().uri("/api/v1/schedules/{id}?consistency_token={token}", REVIEW, ConsistencyToken.item(REVIEW, 1).encode())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(Freshness.HEADER, "fresh")
                .expectBody()
                .jsonPath("$.start").isEqualTo("2026-12-02T15:00:00Z");
    }

    @Test
    void aWriteNotYetProjectedIsAnsweredWithTheStaleFlagNeverWithout() {
        readModels.given(EventSamples.calendarCreated(), EventSamples.itemScheduled());

        client.get().uri("/api/v1/schedules/{id}?consistency_token={token}", REVIEW, ConsistencyToken.item(REVIEW, 1).encode())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(Freshness.HEADER, "stale")
                .expectBody()
                .jsonPath("$.start").isEqualTo("2026-12-01T15:00:00Z");
        client.get().uri("/api/v1/calendars/{id}?consistency_token={token}", EventSamples.BALLROOM.value(),
                        ConsistencyToken.calendar(EventSamples.BALLROOM.value(), 0).encode())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(Freshness.HEADER, "fresh");
        client.get().uri("/api/v1/schedules/window?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z&consistency_token={token}",
                        ConsistencyToken.rule("rule-unknown", 0).encode())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(Freshness.HEADER, "stale");
    }

    @Test
    void aReadWithoutATokenSaysNothingAboutFreshness() {
        client.get().uri("/api/v1/calendar/config")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist(Freshness.HEADER);
    }

    @Test
    void aTokenNoCommandGaveIsABadRequestNamingIt() {
        client.get().uri("/api/v1/schedules/{id}?consistency_token={token}", REVIEW, "not-a-token")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("consistency_token")
                .jsonPath("$.errors[0].rule").isEqualTo("format");
    }

    /** A batch about other entities, or about an older version of this one, is no sign of the write. */
    @Test
    void aBatchWithoutTheWriteLeavesTheReadWaiting() {
        readModels.given(EventSamples.calendarCreated(), EventSamples.itemScheduled());
        ConsistencyGate gate = new ConsistencyGate(List.of(entries.itemVersions(), calendars.calendarVersions(), rules.ruleVersions(), runs.runVersions(),
                changeRequests.changeRequestVersions(), resources.resourceVersions()), projections, Duration.ofSeconds(1), Duration.ofHours(1));

        StepVerifier.create(gate.await(ConsistencyToken.item(REVIEW, 1)))
                .then(() -> readModels.given(ReadModelFixture.item("item-other", EventSamples.BALLROOM.value(), "meeting",
                        Instant.parse("2026-12-01T09:00:00Z"), Duration.ofHours(1))))
                .expectNext(Freshness.STALE)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aRunReportsTokenIsFreshOnceTheRunIsProjected() {
        ConsistencyGate gate = new ConsistencyGate(List.of(entries.itemVersions(), calendars.calendarVersions(), rules.ruleVersions(), runs.runVersions(),
                changeRequests.changeRequestVersions(), resources.resourceVersions()), projections, Duration.ofSeconds(20), Duration.ofHours(1));

        StepVerifier.create(gate.await(ConsistencyToken.run(EventSamples.NIGHTLY_RUN.value(), 1)))
                .then(() -> readModels.given(EventSamples.runStarted(), EventSamples.runSucceeded()))
                .expectNext(Freshness.FRESH)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    /** Polling is set to an hour here, so only the signal of the projected batch can wake the waiting read in time. */
    @Test
    void aWaitingReadWakesWhenTheBatchWithItsWriteIsProjected() {
        readModels.given(EventSamples.calendarCreated(), EventSamples.itemScheduled());
        ConsistencyGate gate = new ConsistencyGate(List.of(entries.itemVersions(), calendars.calendarVersions(), rules.ruleVersions(), runs.runVersions(),
                changeRequests.changeRequestVersions(), resources.resourceVersions()), projections, Duration.ofSeconds(20), Duration.ofHours(1));

        StepVerifier.create(gate.await(ConsistencyToken.item(REVIEW, 1)))
                .then(() -> readModels.given(EventSamples.itemRescheduled()))
                .expectNext(Freshness.FRESH)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(gate.holds(ConsistencyToken.item(REVIEW, 2)).block()).isFalse();
        assertThat(gate.holds(ConsistencyToken.item(REVIEW, 1)).block()).isTrue();
        assertThat(gate.holds(ConsistencyToken.rule("rule-unknown", 0)).block()).isFalse();
    }

    /**
     * Rules and change requests share the rules topic, and a client may name a change request after a rule: a batch
     * that holds the change request at the rule's id and a high enough version is no sign of the rule's write.
     */
    @Test
    void aChangeRequestNamedLikeARuleDoesNotAnswerForTheRule() {
        RuleChangeProposed sample = EventSamples.ruleChangeProposed();
        String ruleNamedId = EventSamples.NIGHTLY.value();
        readModels.given(EventSamples.ruleCreated());
        ConsistencyGate gate = new ConsistencyGate(List.of(entries.itemVersions(), calendars.calendarVersions(), rules.ruleVersions(), runs.runVersions(),
                changeRequests.changeRequestVersions(), resources.resourceVersions()), projections, Duration.ofSeconds(1),
                Duration.ofHours(1));

        StepVerifier.create(gate.await(ConsistencyToken.rule(ruleNamedId, 0)))
                .expectNext(Freshness.FRESH)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(gate.await(ConsistencyToken.rule(ruleNamedId, 1)))
                .then(() -> readModels.given(new RuleChangeProposed(ChangeRequestId.of(ruleNamedId), sample.ruleId(), sample.ruleVersion(),
                        sample.proposedAt(), sample.expiresAt(), null, sample.change(), null, sample.description(), sample.before(),
                        sample.after(), sample.warnings())))
                .expectNext(Freshness.STALE)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(gate.holds(ConsistencyToken.changeRequest(ruleNamedId, 0)).block()).isTrue();
    }

    @Test
    void aResourcesTokenIsFreshOnceTheResourceIsProjectedAndACalendarOfTheSameIdIsNoSignOfIt() {
        String projector = EventSamples.PROJECTOR.value();
        ConsistencyGate gate = new ConsistencyGate(List.of(entries.itemVersions(), calendars.calendarVersions(), rules.ruleVersions(), runs.runVersions(),
                changeRequests.changeRequestVersions(), resources.resourceVersions()), projections, Duration.ofSeconds(1),
                Duration.ofHours(1));

        StepVerifier.create(gate.await(ConsistencyToken.resource(projector, 0)))
                .then(() -> readModels.given(ReadModelFixture.calendar(projector, ZoneOffset.UTC)))
                .expectNext(Freshness.STALE)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(new ConsistencyGate(List.of(entries.itemVersions(), calendars.calendarVersions(), rules.ruleVersions(), runs.runVersions(),
                changeRequests.changeRequestVersions(), resources.resourceVersions()), projections, Duration.ofSeconds(20),
                        Duration.ofHours(1)).await(ConsistencyToken.resource(projector, 1)))
                .then(() -> readModels.given(EventSamples.resourceCreated(), EventSamples.resourceMarkedUnavailable()))
                .expectNext(Freshness.FRESH)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        // The fixture counts versions per subject, and the calendar took 0: the resource is at 1 and 2.
        assertThat(gate.holds(ConsistencyToken.resource(projector, 2)).block()).isTrue();
        assertThat(gate.holds(ConsistencyToken.resource(projector, 3)).block()).isFalse();
    }
}
