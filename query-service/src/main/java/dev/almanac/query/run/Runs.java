package dev.almanac.query.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.query.consistency.ConsistencySource;
import dev.almanac.query.readmodel.EntityKind;
import dev.almanac.query.readmodel.KeyLookups;
import dev.almanac.query.readmodel.ReadModel;
import dev.almanac.query.run.HeartbeatReports.HeartbeatBeat;

/**
 * The {@code runs} read model, by run id, {@code entry_runs}, each entry's latest run by entry id,
 * {@code missed_runs}, the occurrences found missed and what was decided about them, by occurrence id,
 * {@code entry_dispatches}, the dispatcher's latest decision on each occurrence, by occurrence id, and
 * {@code heartbeat_reports}, each heartbeat rule's reports by hour.
 */
@Component
public class Runs implements ReadModel {

    public static final String RUNS = "runs";
    public static final String ENTRY_RUNS = "entry_runs";
    public static final String MISSED_RUNS = "missed_runs";
    public static final String ENTRY_DISPATCHES = "entry_dispatches";
    public static final String HEARTBEAT_REPORTS = "heartbeat_reports";
    public static final EntityKind<RunState> KIND = new EntityKind<>(RUNS, new RunStateCodec());
    public static final EntityKind<RunState> LATEST_BY_ENTRY = new EntityKind<>(ENTRY_RUNS, new RunStateCodec());
    public static final EntityKind<MissedRun> MISSED = new EntityKind<>(MISSED_RUNS, new MissedRunCodec());
    public static final EntityKind<DispatchState> DISPATCHES = new EntityKind<>(ENTRY_DISPATCHES, new DispatchStateCodec());
    public static final EntityKind<HeartbeatReports> HEARTBEATS = new EntityKind<>(HEARTBEAT_REPORTS, new HeartbeatReportsCodec());

    private final MongoCollection<Document> runs;
    private final MongoCollection<Document> entryRuns;
    private final MongoCollection<Document> missedRuns;
    private final MongoCollection<Document> entryDispatches;
    private final MongoCollection<Document> heartbeatReports;

    public Runs(MongoDatabase database) {
        this.runs = database.getCollection(RUNS);
        this.entryRuns = database.getCollection(ENTRY_RUNS);
        this.missedRuns = database.getCollection(MISSED_RUNS);
        this.entryDispatches = database.getCollection(ENTRY_DISPATCHES);
        this.heartbeatReports = database.getCollection(HEARTBEAT_REPORTS);
    }

    @Override
    public List<String> collections() {
        return List.of(RUNS, ENTRY_RUNS, MISSED_RUNS, ENTRY_DISPATCHES, HEARTBEAT_REPORTS);
    }

    public Mono<RunState> find(String runId) {
        return Mono.from(runs.find(Filters.eq("_id", runId)).first()).map(KIND.codec()::decode);
    }

    /**
     * The overlay of each of these entries that has one, by lookups of their {@code _id} side by side: its latest run, or,
     * for an occurrence with no run reported that was found missed and not rescheduled or deleted since, {@code missed}
     * (a run reported late wins over the missed state: it did run); and the dispatcher's latest decision on it.
     */
    public Mono<Map<String, LatestRun>> latestOf(Collection<String> entryIds) {
        return latestOf(entryIds, List.of());
    }

    /**
     * As {@link #latestOf(Collection)}, where these of the entries are a heartbeat's beats that have started: a beat with no
     * run reported by its own id shows the latest of its rule's reports that accounts for it ({@link HeartbeatReports}).
     */
    public Mono<Map<String, LatestRun>> latestOf(Collection<String> entryIds, Collection<HeartbeatBeat> beats) {
        if (entryIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        Mono<Map<String, RunState>> latest = Mono.zip(
                        KeyLookups.byIds(entryRuns, entryIds, null).map(LATEST_BY_ENTRY.codec()::decode).collectMap(RunState::entryId),
                        reportedBeats(beats))
                .map(read -> {
                    Map<String, RunState> reported = new HashMap<>(read.getT2());
                    reported.putAll(read.getT1());
                    return reported;
                });
        Mono<Map<String, DispatchState>> dispatches = KeyLookups.byIds(entryDispatches, entryIds, null)
                .map(DISPATCHES.codec()::decode).collectMap(DispatchState::id);
        return Mono.zip(latest, missedOf(entryIds), dispatches).map(all -> {
            Set<String> withAny = new HashSet<>(all.getT1().keySet());
            withAny.addAll(all.getT2().keySet());
            withAny.addAll(all.getT3().keySet());
            Map<String, LatestRun> overlays = new HashMap<>();
            withAny.forEach(entryId -> overlays.put(entryId, LatestRun.of(all.getT1().get(entryId), all.getT2().get(entryId),
                    all.getT3().get(entryId))));
            return overlays;
        });
    }

    /** Each beat that a report of its rule accounts for, by the beat's id, with the latest such report as its run. */
    private Mono<Map<String, RunState>> reportedBeats(Collection<HeartbeatBeat> beats) {
        if (beats.isEmpty()) {
            return Mono.just(Map.of());
        }
        Set<String> hours = new HashSet<>();
        beats.forEach(beat -> hours.addAll(beat.hours()));
        return KeyLookups.byIds(heartbeatReports, hours, null).map(HEARTBEATS.codec()::decode)
                .collectMap(HeartbeatReports::id, HeartbeatReports::reports)
                .map(byHour -> {
                    Map<String, RunState> reported = new HashMap<>();
                    for (HeartbeatBeat beat : beats) {
                        List<HeartbeatReports.Report> reports = new ArrayList<>();
                        beat.hours().forEach(hour -> reports.addAll(byHour.getOrDefault(hour, List.of())));
                        RunState run = HeartbeatReports.latestFor(beat, reports);
                        if (run != null) {
                            reported.put(beat.occurrenceId(), run);
                        }
                    }
                    return reported;
                });
    }

    /** The occurrence found missed with this id, whatever was decided about it since; empty if none was. */
    public Mono<MissedRun> missed(String occurrenceId) {
        return Mono.from(missedRuns.find(Filters.eq("_id", occurrenceId)).first()).map(MISSED.codec()::decode);
    }

    /**
     * Of these entries, those that show as missed ({@link MissedRun#showsMissed}), by lookups of their
     * {@code _id}, with what an operator decided about them so far.
     */
    public Mono<Map<String, MissedRun>> missedOf(Collection<String> entryIds) {
        if (entryIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return KeyLookups.byIds(missedRuns, entryIds, null).map(MISSED.codec()::decode)
                .filter(MissedRun::showsMissed)
                .collectMap(MissedRun::id);
    }

    /** What the consistency gate reads of a run: the version this read model holds. */
    @Bean
    public ConsistencySource runVersions() {
        return new ConsistencySource(ConsistencyToken.Kind.RUN, id -> find(id).map(RunState::version));
    }
}
