package dev.almanac.rules.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.embedded.MongoWireServer;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.rules.materialisation.MaterialisationMetrics;
import dev.almanac.rules.materialisation.MaterialisationPlanner;
import dev.almanac.rules.materialisation.MaterialisationResult;
import dev.almanac.rules.materialisation.Materialiser;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.testing.RecordingPublisher;
import dev.almanac.rules.testing.RuleSamples;

/**
 * What a new rule costs in MongoDB round trips, counted by the driver as it sends them: at
 * PERF-SCALE's 10,000 rules a cold start pays each of them ten thousand times, through the driver, the
 * wire and the server (ADR 0031). A first delivery stores the rule and moves its
 * {@code materialised_until} once the pass is acknowledged, two commands; it does not read back
 * the document it has just written. A redelivery, which finds the rule stored, reads it.
 */
class RuleCreatedCommandsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HORIZON = Duration.ofDays(90);
    private static final int RULES = 50;

    private static final Map<String, AtomicLong> COMMANDS = new ConcurrentHashMap<>();
    private static MongoWireServer server;
    private static MongoClient client;
    private static int databases;

    private final RecordingPublisher publisher = new RecordingPublisher();
    private RuleStore store;
    private RuleCreatedHandler handler;

    @BeforeAll
    static void aClientThatCountsItsCommands() {
        server = MongoWireServer.start(null, 0);
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.connectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        COMMANDS.computeIfAbsent(event.getCommandName(), name -> new AtomicLong()).incrementAndGet();
                    }
                })
                .build());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void handler() {
        store = new RuleStore(client.getDatabase("rule-created-commands-" + ++databases));
        store.createIndexes().block(TIMEOUT);
        handler = new RuleCreatedHandler(store, new MaterialisationPlanner(HORIZON, 5000),
                new Materialiser(publisher, store, new MaterialisationMetrics(new SimpleMeterRegistry())));
        COMMANDS.clear();
    }

    @Test
    void aNewRuleCostsAnInsertAndOneGuardedUpdate() {
        List<RuleCreated> rules = rules();

        for (RuleCreated rule : rules) {
            MaterialisationResult result = handler.handle(RuleSamples.envelope(rule), rule).block(TIMEOUT);
            assertThat(result.moved()).as("%s moved", rule.ruleId()).isTrue();
        }

        assertThat(commands()).containsExactlyInAnyOrderEntriesOf(Map.of("insert", (long) RULES, "update", (long) RULES));
        assertThat(publisher.published()).hasSize(RULES * 90);
        for (RuleCreated rule : rules) {
            assertThat(store.find(rule.ruleId()).block(TIMEOUT).materialisedUntil()).isEqualTo(rule.activeFrom().plus(HORIZON));
        }
    }

    @Test
    void aRedeliveryReadsTheStoredRuleAndWritesNothing() {
        List<RuleCreated> rules = rules();
        rules.forEach(rule -> handler.handle(RuleSamples.envelope(rule), rule).block(TIMEOUT));
        COMMANDS.clear();
        publisher.clear();

        rules.forEach(rule -> assertThat(handler.handle(RuleSamples.envelope(rule), rule).block(TIMEOUT)).isNull());

        // The insert collides on _id; the read finds the first pass recorded, so there is nothing to move.
        assertThat(commands()).containsExactlyInAnyOrderEntriesOf(Map.of("insert", (long) RULES, "find", (long) RULES));
        assertThat(publisher.published()).isEmpty();
    }

    private static List<RuleCreated> rules() {
        Instant activeFrom = RuleSamples.nightly().activeFrom();
        return IntStream.range(0, RULES)
                .mapToObj(i -> RuleSamples.activeFrom(RuleSamples.nightly("rule-commands-" + i), activeFrom.plusSeconds(i)))
                .toList();
    }

    private static Map<String, Long> commands() {
        return COMMANDS.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().get()));
    }
}
