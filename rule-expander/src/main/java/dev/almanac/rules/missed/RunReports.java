package dev.almanac.rules.missed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.rule.OccurrenceId;

/**
 * Which occurrences had a run reported on {@code almanac.runs.v1}, or were skipped by the dispatcher on purpose
 * ({@link DispatchDecisions}), one document per occurrence id in
 * {@code occurrence_runs}, with the first report's time. Only the presence of a report matters to
 * the missed-run check: any report (started, succeeded, failed) says the occurrence ran. Writes are
 * upserts keeping the earliest time, so a redelivered or late report changes nothing; reads are
 * lookups by {@code _id}.
 */
@Component
public class RunReports {

    public static final String COLLECTION = "occurrence_runs";
    private static final int IDS_PER_FIND = 50;

    private final MongoCollection<Document> reports;

    public RunReports(MongoDatabase database) {
        this.reports = database.getCollection(COLLECTION);
    }

    /** Records that a run of {@code occurrenceId} was reported at {@code reportedAt}; the earliest report stays. */
    public Mono<Void> record(String occurrenceId, Instant reportedAt) {
        return Mono.from(reports.updateOne(Filters.eq("_id", occurrenceId), Updates.min("reported_at", Date.from(reportedAt)),
                new UpdateOptions().upsert(true))).then();
    }

    /** Those of these occurrences that had a run reported, by lookups of their ids in finds of at most 50. */
    public Mono<Set<OccurrenceId>> reported(Collection<OccurrenceId> occurrences) {
        List<String> ids = occurrences.stream().map(OccurrenceId::value).distinct().toList();
        if (ids.isEmpty()) {
            return Mono.just(Set.of());
        }
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_FIND) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_FIND)));
        }
        return Flux.fromIterable(chunks)
                .concatMap(chunk -> Flux.from(reports.find(Filters.in("_id", chunk)).projection(Projections.include("_id"))))
                .map(document -> OccurrenceId.of(document.getString("_id")))
                .collect(HashSet::new, Set::add);
    }
}
