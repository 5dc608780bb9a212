package dev.almanac.rules.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.rule.RuleCreated;
import dev.almanac.platform.testing.CountingMemoryBackend;
import dev.almanac.recurrence.SeriesExceptions;
import dev.almanac.rules.testing.RuleSamples;

/**
 * Every write rule-expander makes to one rule, in a store that holds many other rules: each must
 * find its document through an index, never by walking the collection. mongo-java-server uses an
 * index only when a query names exactly that index's fields, so a guard such as
 * {@code {_id, version}} walks every rule unless an index on those fields exists; at PERF-SCALE's
 * 10,000 rules that made every creation and every pass cost a walk of the whole collection.
 * The server's own counters ({@link CountingMemoryBackend}) decide; timings are not a test here.
 */
class RuleStoreAtScaleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int OTHER_RULES = 20_000;

    private static CountingMemoryBackend backend;
    private static MongoServer server;
    private static MongoClient client;
    private static MongoDatabase database;
    private static RuleStore store;

    @BeforeAll
    static void aStoreWithTwentyThousandOtherRules() {
        backend = new CountingMemoryBackend();
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        database = client.getDatabase("rules-at-scale");
        store = new RuleStore(database);
        store.createIndexes().block(TIMEOUT);
        Date materialised = Date.from(Instant.parse("2026-12-01T00:00:00Z"));
        List<Document> others = new ArrayList<>(OTHER_RULES);
        for (int i = 0; i < OTHER_RULES; i++) {
            others.add(new Document("_id", "other-" + i).append("version", 0L).append(RuleStore.STATUS, "active")
                    .append(RuleStore.MATERIALISED_UNTIL, materialised).append(RuleStore.MISSED_CHECKED_UNTIL, materialised));
        }
        Flux.fromIterable(others).buffer(5_000)
                .concatMap(batch -> Mono.from(database.getCollection(RuleStore.COLLECTION).insertMany(batch)))
                .blockLast(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void everyWriteToOneRuleFindsItThroughAnIndex() {
        backend.counts().reset();
        RuleCreated rule = RuleSamples.nightly("rule-at-scale");
        StoredRule created = StoredRule.created(rule, RuleSamples.envelope(rule));
        Instant start = rule.activeFrom();
        Instant published = start.plus(Duration.ofDays(90));

        assertThat(store.recordCreation(created).block(TIMEOUT)).isTrue();
        assertThat(store.recordCreation(created).block(TIMEOUT)).as("a redelivered creation").isFalse();
        assertThat(store.moveMaterialisedUntil(rule.ruleId(), 0, start, published).block(TIMEOUT)).isTrue();
        StoredRule stored = store.find(rule.ruleId()).block(TIMEOUT);
        assertThat(store.recordMissedCheck(stored, start.plus(Duration.ofDays(1)), MissedCheck.from(start.plus(Duration.ofDays(1))))
                .block(TIMEOUT)).isTrue();
        assertThat(store.recordUpdate(stored, 1, stored.definition(), start).block(TIMEOUT)).isTrue();
        assertThat(store.updateDone(rule.ruleId(), 1).block(TIMEOUT)).isTrue();
        stored = store.find(rule.ruleId()).block(TIMEOUT);
        assertThat(store.recordExceptions(stored, 2, new SeriesExceptions(Set.of(start), Map.of(), null)).block(TIMEOUT)).isTrue();
        assertThat(store.exceptionDone(rule.ruleId(), 2).block(TIMEOUT)).isTrue();
        Instant resumeAfter = start.plus(Duration.ofDays(3));
        assertThat(store.recordPause(rule.ruleId(), 3, start.plus(Duration.ofDays(2)), resumeAfter).block(TIMEOUT)).isTrue();
        assertThat(store.recordPause(rule.ruleId(), 3, start.plus(Duration.ofDays(2)), resumeAfter).block(TIMEOUT))
                .as("a redelivered pause").isFalse();
        assertThat(store.retractionDone(rule.ruleId(), 3).block(TIMEOUT)).isTrue();
        assertThat(store.resumeLapsedPause(store.find(rule.ruleId()).block(TIMEOUT)).block(TIMEOUT)).isTrue();
        assertThat(store.recordPause(rule.ruleId(), 4, start.plus(Duration.ofDays(4)), null).block(TIMEOUT)).isTrue();
        assertThat(store.recordResume(rule.ruleId(), 5, start.plus(Duration.ofDays(5))).block(TIMEOUT)).isTrue();
        assertThat(store.recordDeletion(rule.ruleId(), 6, start.plus(Duration.ofDays(6))).block(TIMEOUT)).isTrue();
        assertThat(store.recordDeletion(rule.ruleId(), 5, start.plus(Duration.ofDays(6))).block(TIMEOUT)).as("an older event").isFalse();

        assertThat(store.find(rule.ruleId()).block(TIMEOUT).status()).isEqualTo(RuleStatus.DELETED);
        String rules = "rules-at-scale." + RuleStore.COLLECTION;
        assertThat(backend.counts().scans("rules-at-scale", RuleStore.COLLECTION)).as("walks of %s", rules).isZero();
        assertThat(backend.counts().lookups("rules-at-scale", RuleStore.COLLECTION)).as("index lookups in %s", rules).isPositive();
    }
}
