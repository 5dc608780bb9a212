package dev.almanac.query.run;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.query.readmodel.EntityKind;
import dev.almanac.query.readmodel.KeyLookups;
import dev.almanac.query.readmodel.ReadModel;

/** The {@code runs} read model, by run id, and {@code entry_runs}, each entry's latest run by entry id. */
@Component
public class Runs implements ReadModel {

    public static final String RUNS = "runs";
    public static final String ENTRY_RUNS = "entry_runs";
    public static final EntityKind<RunState> KIND = new EntityKind<>(RUNS, new RunStateCodec());
    public static final EntityKind<RunState> LATEST_BY_ENTRY = new EntityKind<>(ENTRY_RUNS, new RunStateCodec());

    private final MongoCollection<Document> runs;
    private final MongoCollection<Document> entryRuns;

    public Runs(MongoDatabase database) {
        this.runs = database.getCollection(RUNS);
        this.entryRuns = database.getCollection(ENTRY_RUNS);
    }

    @Override
    public List<String> collections() {
        return List.of(RUNS, ENTRY_RUNS);
    }

    public Mono<RunState> find(String runId) {
        return Mono.from(runs.find(Filters.eq("_id", runId)).first()).map(KIND.codec()::decode);
    }

    /** The latest run of each of these entries that has one, by lookups of their {@code _id}. */
    public Mono<Map<String, RunState>> latestOf(Collection<String> entryIds) {
        if (entryIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return KeyLookups.byIds(entryRuns, entryIds, null).map(LATEST_BY_ENTRY.codec()::decode)
                .collectMap(RunState::entryId);
    }
}
