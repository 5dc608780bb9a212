package dev.almanac.query.projection;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import dev.almanac.query.changerequest.RuleChangeRequests;
import dev.almanac.query.conflict.ConflictDay;
import dev.almanac.query.conflict.ConflictIndex;
import dev.almanac.query.entry.CalendarDay;
import dev.almanac.query.entry.StartingHour;
import dev.almanac.query.occurrence.RuleIndex;
import dev.almanac.query.readmodel.CompareAndSetWrites;
import dev.almanac.query.readmodel.DocumentStore;
import dev.almanac.query.readmodel.ProjectedEvent;
import dev.almanac.query.readmodel.ProjectionFollower;
import dev.almanac.query.readmodel.Stored;
import dev.almanac.query.resource.ResourceDay;
import dev.almanac.query.resource.ResourceList;
import dev.almanac.query.rule.RuleList;
import dev.almanac.query.window.WindowDay;

/**
 * Applies a batch of decided events to the read models by reading, changing in memory and writing
 * back, without transactions and without a query that scans:
 * <ol>
 * <li>Every entity the batch touches is read by {@code _id}, and its changes are applied in event
 * order, each only if its version is newer than the state's.</li>
 * <li>From every state an entity went through (the stored one first), the derived documents are
 * planned: entry copies per calendar and UTC day and per UTC hour of start, item bookings per
 * resource and UTC day, conflict copies per scope and day, resources in their list. Those documents,
 * the window days and conflict indexes above them, are read, again by {@code _id}.</li>
 * <li>Writes go derived-first: calendar days, starting hours, conflict days, resource days, rule lists,
 * the resource list and rules' change requests, then window days and conflict indexes (recomputed from the days as now
 * stored), then the rule index and the windows' revisions ({@link dev.almanac.query.window.WindowRevisions}), then
 * the entities. Writes to different collections between two of
 * those "then"s go at once ({@link Round}), and so do the reads of steps 1 and 2: a batch waits for
 * at most six rounds of round trips, not one per collection. An entity therefore never shows
 * a version whose derived documents are not written, and a crash anywhere is repaired by
 * redelivery: the entity is still old, so the same changes apply again, and every derived write is
 * newest-wins or recomputed, so applying it twice changes nothing.</li>
 * </ol>
 * Every write is one unordered bulk write per collection whose operations name the revision they
 * read ({@link DocumentStore}). A document whose compare-and-set lost is read again and its change
 * applied again ({@link CompareAndSetWrites}).
 */
final class ProjectionBatch {

    /** The most steps a round starts: the reads or the writes of every entity kind. */
    static final int MAX_STEPS_A_ROUND = ReadModelStores.ENTITIES.size();

    private final ReadModelStores stores;
    private final SummaryWrites summaries;
    private final Executor executor;
    private final List<ProjectionFollower> followers;

    /**
     * @param executor  runs the steps of a round, up to {@link #MAX_STEPS_A_ROUND} at once, on threads that may block
     * @param followers write what each batch did in records of their own, beside the derived documents
     */
    ProjectionBatch(ReadModelStores stores, Executor executor, List<ProjectionFollower> followers) {
        this.stores = stores;
        this.summaries = new SummaryWrites(stores);
        this.executor = executor;
        this.followers = List.copyOf(followers);
    }

    List<ProjectionOutcome> apply(List<DecidedEvent> events) {
        List<EntityBatch<?>> entities = EntityBatch.of(events, stores);
        Round replays = new Round(executor);
        entities.forEach(batch -> replays.start(batch::replay));
        replays.await();
        DerivedChanges changes = DerivedChanges.of(entities);

        // Window days and conflict indexes are read before the days they summarise are written: a writer that then
        // finds them unchanged since its read knows no newer day summary was folded in meanwhile, so its own (at
        // least as new) summary may go in.
        Round loads = new Round(executor);
        Supplier<Map<String, Stored<WindowDay>>> windows = load(loads, stores.windowDays, changes.windowDays(stores.windowDayScope));
        Supplier<Map<String, Stored<ConflictIndex>>> indexes = load(loads, stores.conflictIndex, changes.conflictScopes());
        Supplier<Map<String, Stored<CalendarDay>>> storedDays = load(loads, stores.calendarDays, changes.calendarDays().keySet());
        Supplier<Map<String, Stored<StartingHour>>> storedHours = load(loads, stores.startingHours, changes.startingHours().keySet());
        Supplier<Map<String, Stored<ConflictDay>>> storedBuckets = load(loads, stores.conflictDays, changes.conflictDays().keySet());
        Supplier<Map<String, Stored<ResourceDay>>> storedResourceDays =
                load(loads, stores.resourceDays, changes.resourceDays().keySet());
        Supplier<Map<String, Stored<RuleIndex>>> storedRuleIndex =
                load(loads, stores.ruleIndex, changes.ruleIndex().isEmpty() ? List.of() : List.of(RuleIndex.ALL));
        Supplier<Map<String, Stored<RuleList>>> storedRuleLists = load(loads, stores.ruleLists, changes.ruleLists().keySet());
        Supplier<Map<String, Stored<ResourceList>>> storedResourceLists =
                load(loads, stores.resourceLists, changes.resourceLists().keySet());
        Supplier<Map<String, Stored<RuleChangeRequests>>> storedChangeRequests =
                load(loads, stores.ruleChangeRequests, changes.changeRequests().keySet());
        loads.await();

        Round derived = new Round(executor);
        Supplier<Map<String, CalendarDay>> days = write(derived, stores.calendarDays, storedDays.get(),
                (id, before) -> fold(changes.calendarDays().get(id), before == null ? CalendarDay.emptyOf(id) : before));
        write(derived, stores.startingHours, storedHours.get(),
                (id, before) -> fold(changes.startingHours().get(id), before == null ? StartingHour.emptyOf(id) : before));
        Supplier<Map<String, ConflictDay>> buckets = write(derived, stores.conflictDays, storedBuckets.get(),
                (id, before) -> fold(changes.conflictDays().get(id), before == null ? ConflictDay.emptyOf(id) : before));
        write(derived, stores.resourceDays, storedResourceDays.get(),
                (id, before) -> fold(changes.resourceDays().get(id), before == null ? ResourceDay.emptyOf(id) : before));
        write(derived, stores.ruleLists, storedRuleLists.get(),
                (scope, before) -> (before == null ? RuleList.emptyOf(scope) : before).withAll(changes.ruleLists().get(scope)));
        write(derived, stores.resourceLists, storedResourceLists.get(),
                (id, before) -> (before == null ? ResourceList.emptyOf(id) : before).withAll(changes.resourceLists().get(id)));
        write(derived, stores.ruleChangeRequests, storedChangeRequests.get(),
                (id, before) -> fold(changes.changeRequests().get(id), before == null ? RuleChangeRequests.emptyOf(id) : before));
        if (!followers.isEmpty()) {
            List<ProjectedEvent> projected = projected(events, entities);
            if (!projected.isEmpty()) {
                followers.forEach(follower -> derived.start(() -> follower.follow(projected)));
            }
        }
        derived.await();

        Round summaryWrites = new Round(executor);
        if (!windows.get().isEmpty()) {
            summaryWrites.start(() -> summaries.writeWindows(windows.get(), days.get()));
        }
        if (!indexes.get().isEmpty()) {
            summaryWrites.start(() -> summaries.writeConflictIndexes(indexes.get(), buckets.get()));
        }
        summaryWrites.await();

        // After the window days: a window that finds the index's or its scope's new revision must then read the days as written.
        Round afterDays = new Round(executor);
        if (!storedRuleIndex.get().isEmpty()) {
            afterDays.start(() -> CompareAndSetWrites.writeAll(stores.ruleIndex, storedRuleIndex.get(),
                    (id, before) -> fold(changes.ruleIndex(), before == null ? RuleIndex.emptyOf(id) : before), lost -> { }));
        }
        // Every calendar whose days the batch meant to change, changed or not: the same batch redelivered after a failure
        // finds its days already written and must still give their windows a new revision.
        if (!changes.calendarDays().isEmpty()) {
            Map<String, Set<LocalDate>> calendars = new LinkedHashMap<>();
            changes.calendarDays().keySet().forEach(id -> {
                CalendarDay day = days.get().get(id);
                calendars.computeIfAbsent(day.calendarId(), calendarId -> new HashSet<>()).add(day.day());
            });
            afterDays.start(() -> stores.windowsChanged(calendars));
        }
        afterDays.await();

        Round entityWrites = new Round(executor);
        entities.forEach(batch -> entityWrites.start(batch::write));
        entityWrites.await();
        return outcomes(events, entities);
    }

    /** The events read from a record, each with the documents it changed of the kinds some follower follows. */
    private List<ProjectedEvent> projected(List<DecidedEvent> events, List<EntityBatch<?>> entities) {
        Map<Integer, List<ProjectedEvent.StateChange>> byEvent = new HashMap<>();
        for (EntityBatch<?> batch : entities) {
            if (followers.stream().anyMatch(follower -> follower.follows(batch.kind.collection()))) {
                batch.stateChanges(byEvent);
            }
        }
        List<ProjectedEvent> projected = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            DecidedEvent event = events.get(i);
            RecordPosition position = event.position();
            if (position != null) {
                projected.add(new ProjectedEvent(position.topic(), position.partition(), position.offset(), event.received().metadata(),
                        event.received().event(), byEvent.getOrDefault(i, List.of())));
            }
        }
        return projected;
    }

    /** The stored documents with these ids, read in {@code round}; none without a round trip when there are no ids. */
    private static <S> Supplier<Map<String, Stored<S>>> load(Round round, DocumentStore<S> store, Collection<String> ids) {
        return ids.isEmpty() ? Map::of : round.start(() -> store.load(ids));
    }

    /** Starts writing the documents' changes in {@code round}, unless there are none; their states as written once it ends. */
    private static <S> Supplier<Map<String, S>> write(Round round, DocumentStore<S> store, Map<String, Stored<S>> loaded,
                                                      BiFunction<String, @Nullable S, S> change) {
        return loaded.isEmpty() ? LinkedHashMap::new : round.start(() -> CompareAndSetWrites.writeAll(store, loaded, change, lost -> { }));
    }

    private static <S> S fold(List<UnaryOperator<S>> changes, S state) {
        S result = state;
        for (UnaryOperator<S> change : changes) {
            result = change.apply(result);
        }
        return result;
    }

    private static List<ProjectionOutcome> outcomes(List<DecidedEvent> events, List<EntityBatch<?>> entities) {
        boolean[] applied = new boolean[events.size()];
        entities.forEach(batch -> batch.markApplied(applied));
        List<ProjectionOutcome> outcomes = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).changes().isEmpty()) {
                outcomes.add(ProjectionOutcome.IGNORED);
            } else {
                outcomes.add(applied[i] ? ProjectionOutcome.APPLIED : ProjectionOutcome.ALREADY_APPLIED);
            }
        }
        return outcomes;
    }
}
