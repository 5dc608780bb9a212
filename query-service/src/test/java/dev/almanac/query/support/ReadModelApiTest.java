package dev.almanac.query.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.projection.DecidedEvent;
import dev.almanac.query.projection.Projections;

/** The HTTP client and empty read models of a {@link QueryApiTest}; test data goes in through {@link #readModels}. */
public abstract class ReadModelApiTest {

    @Autowired
    protected WebTestClient client;

    @Autowired
    protected MongoDatabase database;

    @Autowired
    protected Projections projections;

    @Autowired
    private RuleTimelines ruleTimelines;

    /** The services' clock: the system's, unless a test pins it. */
    @Autowired
    protected TestClock clock;

    protected ReadModelFixture readModels;

    @BeforeEach
    void emptyReadModels() {
        readModels = new ReadModelFixture(database, projections);
        readModels.clear();
        ruleTimelines.forget();
        clock.release();
    }

    /** One rule-expander pass over {@code [from, until)}: the rule's occurrences, applied in batches as the listener would. */
    protected void materialise(RuleCreated rule, long ruleVersion, Instant from, Instant until) {
        List<DecidedEvent> batch = new ArrayList<>();
        for (OccurrenceMaterialized occurrence : RecurringRules.materialised(rule, ruleVersion, from, until)) {
            batch.add(projections.decide(Received.of(occurrence, ruleVersion)));
            if (batch.size() == 500) {
                projections.applyNow(batch);
                batch.clear();
            }
        }
        projections.applyNow(batch);
    }
}
