package dev.almanac.query.support;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.query.horizon.BeyondHorizon;
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
    private BeyondHorizon beyondHorizon;

    protected ReadModelFixture readModels;

    @BeforeEach
    void emptyReadModels() {
        readModels = new ReadModelFixture(database, projections);
        readModels.clear();
        beyondHorizon.forget();
    }
}
