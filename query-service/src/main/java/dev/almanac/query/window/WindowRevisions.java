package dev.almanac.query.window;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.query.readmodel.KeyLookups;
import dev.almanac.query.readmodel.Locks;
import dev.almanac.query.readmodel.ReadModel;

/**
 * The {@code window_revisions} read model: one document per calendar, and one for all calendars ({@link #ALL}),
 * whose revision the projection replaces with a new random one after every batch that wrote that calendar's days,
 * once those days and the window days above them are written (ADR 0064). A kept window
 * whose scope still holds the revision it was last found current at has read nothing that changed since: its
 * check is one read by {@code _id} instead of a read of every day's revision.
 *
 * <p>Each document also logs its last {@link #CHANGES_KEPT} revisions, each with the UTC days its batch meant to
 * change in that scope. A kept window whose revision is still logged was changed since only on the days logged after
 * it, so its check reads those days alone (ADR 0064).
 */
@Component
public class WindowRevisions implements ReadModel {

    public static final String COLLECTION = "window_revisions";
    /** The scope of windows over all calendars; no calendar id begins with '*'. */
    static final String ALL = "*";
    /** What a scope's revision reads as while it has no document: it never matches a kept one. */
    static final String NONE = "";
    /** The log of a scope's last revisions, oldest first, each with the days its batch meant to change there. */
    public static final String CHANGES = "changes";
    static final String REVISION = "revision";
    static final String DAYS = "days";
    /** How many of a scope's last revisions the log keeps. */
    static final int CHANGES_KEPT = 8;
    /**
     * A batch that meant to change more of a scope's days than this logs its revision without them, and a check that
     * meets it reads every day: a long list would cost each check more to read than it saves.
     */
    static final int MAX_DAYS_LOGGED = 32;

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> collection;

    public WindowRevisions(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /** The scope a window of {@code queue} reads its days in: that calendar, or all calendars. */
    static String scopeOf(@Nullable String queue) {
        return queue == null ? ALL : queue;
    }

    /** The scope's revision now ({@link #NONE} without a document), with its log of the last revisions. */
    Mono<Scope> scope(String scope) {
        return KeyLookups.byIds(collection, List.of(scope), List.of(Locks.FIELD, CHANGES)).next()
                .map(WindowRevisions::scopeOf)
                .defaultIfEmpty(Scope.UNKNOWN);
    }

    private static Scope scopeOf(Document document) {
        List<Change> changes = new ArrayList<>();
        for (Document change : document.getList(CHANGES, Document.class, List.of())) {
            changes.add(new Change(change.getString(REVISION), change.getList(DAYS, String.class)));
        }
        return new Scope(document.getString(Locks.FIELD), changes);
    }

    /**
     * A scope's revision and its log.
     *
     * @param changes the last revisions given, oldest first, the latest being {@code revision}
     */
    record Scope(String revision, List<Change> changes) {

        static final Scope UNKNOWN = new Scope(NONE, List.of());

        /**
         * The days the batches that gave revisions after {@code since} meant to change, when every one of those
         * revisions is logged with its days; else empty, and only a read of every day tells what changed.
         */
        Optional<Set<LocalDate>> daysChangedSince(String since) {
            if (NONE.equals(since)) {
                return Optional.empty();
            }
            int at = -1;
            for (int i = 0; i < changes.size(); i++) {
                if (since.equals(changes.get(i).revision())) {
                    at = i;
                }
            }
            if (at < 0) {
                return Optional.empty();
            }
            Set<LocalDate> days = new HashSet<>();
            for (Change change : changes.subList(at + 1, changes.size())) {
                List<String> logged = change.days();
                if (logged == null) {
                    return Optional.empty();
                }
                logged.forEach(day -> days.add(LocalDate.parse(day)));
            }
            return Optional.of(days);
        }
    }

    /**
     * A revision a batch gave a scope, with the days it meant to change there ({@code 2026-03-02}), left unparsed until a
     * check needs them; null when they were too many to log.
     */
    record Change(String revision, @Nullable List<String> days) {
    }

    /**
     * Gives all calendars and each of these calendars a new revision, logged with the UTC days the batch meant to
     * change in it. Call it only once their days' writes have ended: a window that reads a revision and then its days
     * must see every day written before that revision. Random ({@link Locks#firstRevision}) rather than counted, so that
     * no revision comes back after the read models were emptied and rebuilt.
     */
    public Mono<BulkWriteResult> changed(Map<String, ? extends Collection<LocalDate>> daysByCalendar) {
        List<WriteModel<Document>> writes = new ArrayList<>(daysByCalendar.size() + 1);
        Set<LocalDate> every = new HashSet<>();
        daysByCalendar.values().forEach(every::addAll);
        writes.add(newRevision(ALL, every));
        daysByCalendar.forEach((calendarId, days) -> writes.add(newRevision(calendarId, days)));
        return Mono.from(collection.bulkWrite(writes, UNORDERED));
    }

    private static WriteModel<Document> newRevision(String scope, Collection<LocalDate> days) {
        String revision = Locks.token(scope, Locks.firstRevision());
        Document change = new Document(REVISION, revision)
                .append(DAYS, days.size() > MAX_DAYS_LOGGED ? null : new TreeSet<>(days).stream().map(LocalDate::toString).toList());
        return new UpdateOneModel<>(Filters.eq("_id", scope),
                Updates.combine(Updates.set(Locks.FIELD, revision),
                        Updates.pushEach(CHANGES, List.of(change), new PushOptions().slice(-CHANGES_KEPT))),
                UPSERT);
    }
}
