package dev.almanac.query.projection;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;

import dev.almanac.query.changerequest.ChangeRequest;
import dev.almanac.query.changerequest.ChangeRequests;
import dev.almanac.query.changerequest.RuleChangeRequests;
import dev.almanac.query.conflict.ConflictDay;
import dev.almanac.query.conflict.ConflictIndex;
import dev.almanac.query.conflict.ConflictListPlacements;
import dev.almanac.query.conflict.Conflicts;
import dev.almanac.query.entry.CalendarDay;
import dev.almanac.query.entry.CalendarDayPlacements;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.entry.StartingHour;
import dev.almanac.query.entry.StartingHourPlacements;
import dev.almanac.query.occurrence.RuleIndex;
import dev.almanac.query.readmodel.DocumentStore;
import dev.almanac.query.readmodel.DocumentStore.Replacement;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.EntityKind;
import dev.almanac.query.readmodel.Stored;
import dev.almanac.query.readmodel.Versioned;
import dev.almanac.query.resource.ResourceDay;
import dev.almanac.query.resource.ResourceDayPlacements;
import dev.almanac.query.resource.ResourceList;
import dev.almanac.query.resource.ResourceListPlacements;
import dev.almanac.query.resource.Resources;
import dev.almanac.query.rule.Rule;
import dev.almanac.query.rule.RuleList;
import dev.almanac.query.rule.RuleListPlacements;
import dev.almanac.query.rule.Rules;
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
 * applied again, up to {@link #ATTEMPTS} times; then the batch fails with an
 * {@link OptimisticLockingFailureException}, which the platform retries as an outage.
 */
final class ProjectionBatch {

    static final int ATTEMPTS = 8;
    /** The most steps a round starts: the reads or the writes of every entity kind. */
    static final int MAX_STEPS_A_ROUND = ReadModelStores.ENTITIES.size();

    private static final Logger log = LoggerFactory.getLogger(ProjectionBatch.class);

    private final ReadModelStores stores;
    private final Executor executor;

    /** @param executor runs the steps of a round, up to {@link #MAX_STEPS_A_ROUND} at once, on threads that may block */
    ProjectionBatch(ReadModelStores stores, Executor executor) {
        this.stores = stores;
        this.executor = executor;
    }

    List<ProjectionOutcome> apply(List<DecidedEvent> events) {
        List<EntityBatch<?>> entities = new ArrayList<>();
        for (EntityKind<?> kind : ReadModelStores.ENTITIES) {
            EntityBatch<?> batch = EntityBatch.of(kind, events, stores);
            if (!batch.isEmpty()) {
                entities.add(batch);
            }
        }
        Round replays = new Round(executor);
        entities.forEach(batch -> replays.start(batch::replay));
        replays.await();

        Map<String, List<UnaryOperator<CalendarDay>>> dayChanges = new LinkedHashMap<>();
        Map<String, List<UnaryOperator<StartingHour>>> hourChanges = new LinkedHashMap<>();
        Map<String, List<UnaryOperator<ConflictDay>>> bucketChanges = new LinkedHashMap<>();
        Map<String, List<UnaryOperator<ResourceDay>>> resourceDayChanges = new LinkedHashMap<>();
        Map<String, List<ResourceList.Placement>> resourceListChanges = new LinkedHashMap<>();
        for (EntityBatch<?> batch : entities) {
            if (batch.kind == Entries.KIND) {
                batch.histories().forEach(history -> {
                    CalendarDayPlacements.plan(cast(history), dayChanges);
                    StartingHourPlacements.plan(cast(history), hourChanges);
                    ResourceDayPlacements.plan(cast(history), resourceDayChanges);
                });
            } else if (batch.kind == Conflicts.KIND) {
                batch.histories().forEach(history -> ConflictListPlacements.plan(cast(history), bucketChanges));
            } else if (batch.kind == Resources.KIND) {
                batch.histories().forEach(history -> ResourceListPlacements.plan(cast(history), resourceListChanges));
            }
        }
        List<UnaryOperator<RuleIndex>> ruleIndexChanges = ruleIndexChanges(entities);
        Map<String, List<RuleList.Placement>> ruleListChanges = ruleListChanges(entities);
        Map<String, List<UnaryOperator<RuleChangeRequests>>> changeRequestChanges = changeRequestChanges(entities);

        // Window days and conflict indexes are read before the days they summarise are written: a writer that then
        // finds them unchanged since its read knows no newer day summary was folded in meanwhile, so its own (at
        // least as new) summary may go in.
        Round loads = new Round(executor);
        Supplier<Map<String, Stored<WindowDay>>> windows = load(loads, stores.windowDays, windowIds(dayChanges.keySet()));
        Supplier<Map<String, Stored<ConflictIndex>>> indexes = load(loads, stores.conflictIndex, scopes(bucketChanges.keySet()));
        Supplier<Map<String, Stored<CalendarDay>>> storedDays = load(loads, stores.calendarDays, dayChanges.keySet());
        Supplier<Map<String, Stored<StartingHour>>> storedHours = load(loads, stores.startingHours, hourChanges.keySet());
        Supplier<Map<String, Stored<ConflictDay>>> storedBuckets = load(loads, stores.conflictDays, bucketChanges.keySet());
        Supplier<Map<String, Stored<ResourceDay>>> storedResourceDays = load(loads, stores.resourceDays, resourceDayChanges.keySet());
        Supplier<Map<String, Stored<RuleIndex>>> storedRuleIndex =
                load(loads, stores.ruleIndex, ruleIndexChanges.isEmpty() ? List.of() : List.of(RuleIndex.ALL));
        Supplier<Map<String, Stored<RuleList>>> storedRuleLists = load(loads, stores.ruleLists, ruleListChanges.keySet());
        Supplier<Map<String, Stored<ResourceList>>> storedResourceLists = load(loads, stores.resourceLists, resourceListChanges.keySet());
        Supplier<Map<String, Stored<RuleChangeRequests>>> storedChangeRequests =
                load(loads, stores.ruleChangeRequests, changeRequestChanges.keySet());
        loads.await();

        Round derived = new Round(executor);
        Supplier<Map<String, CalendarDay>> days = write(derived, stores.calendarDays, storedDays.get(),
                (id, before) -> fold(dayChanges.get(id), before == null ? CalendarDay.emptyOf(id) : before));
        write(derived, stores.startingHours, storedHours.get(),
                (id, before) -> fold(hourChanges.get(id), before == null ? StartingHour.emptyOf(id) : before));
        Supplier<Map<String, ConflictDay>> buckets = write(derived, stores.conflictDays, storedBuckets.get(),
                (id, before) -> fold(bucketChanges.get(id), before == null ? ConflictDay.emptyOf(id) : before));
        write(derived, stores.resourceDays, storedResourceDays.get(),
                (id, before) -> fold(resourceDayChanges.get(id), before == null ? ResourceDay.emptyOf(id) : before));
        write(derived, stores.ruleLists, storedRuleLists.get(),
                (scope, before) -> (before == null ? RuleList.emptyOf(scope) : before).withAll(ruleListChanges.get(scope)));
        write(derived, stores.resourceLists, storedResourceLists.get(),
                (id, before) -> (before == null ? ResourceList.emptyOf(id) : before).withAll(resourceListChanges.get(id)));
        write(derived, stores.ruleChangeRequests, storedChangeRequests.get(),
                (id, before) -> fold(changeRequestChanges.get(id), before == null ? RuleChangeRequests.emptyOf(id) : before));
        derived.await();

        Round summaries = new Round(executor);
        if (!windows.get().isEmpty()) {
            summaries.start(() -> writeWindows(windows.get(), days.get()));
        }
        if (!indexes.get().isEmpty()) {
            summaries.start(() -> writeConflictIndexes(indexes.get(), buckets.get()));
        }
        summaries.await();

        // After the window days: a window that finds the index's or its scope's new revision must then read the days as written.
        Round afterDays = new Round(executor);
        if (!storedRuleIndex.get().isEmpty()) {
            afterDays.start(() -> writeAll(stores.ruleIndex, storedRuleIndex.get(),
                    (id, before) -> fold(ruleIndexChanges, before == null ? RuleIndex.emptyOf(id) : before), lost -> { }));
        }
        // Every calendar whose days the batch meant to change, changed or not: the same batch redelivered after a failure
        // finds its days already written and must still give their windows a new revision.
        if (!dayChanges.isEmpty()) {
            Map<String, Set<LocalDate>> calendars = new LinkedHashMap<>();
            dayChanges.keySet().forEach(id -> {
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

    /** The stored documents with these ids, read in {@code round}; none without a round trip when there are no ids. */
    private static <S> Supplier<Map<String, Stored<S>>> load(Round round, DocumentStore<S> store, Collection<String> ids) {
        return ids.isEmpty() ? Map::of : round.start(() -> store.load(ids));
    }

    /** Starts writing the documents' changes in {@code round}, unless there are none; their states as written once it ends. */
    private static <S> Supplier<Map<String, S>> write(Round round, DocumentStore<S> store, Map<String, Stored<S>> loaded,
                                                      BiFunction<String, @Nullable S, S> change) {
        return loaded.isEmpty() ? LinkedHashMap::new : round.start(() -> writeAll(store, loaded, change, lost -> { }));
    }

    /** Each window day with the calendar days of the batch folded in, as they now stand. */
    private void writeWindows(Map<String, Stored<WindowDay>> windows, Map<String, CalendarDay> days) {
        Map<String, List<String>> daysByWindow = new LinkedHashMap<>();
        days.keySet().forEach(id -> daysByWindow.computeIfAbsent(WindowDay.id(days.get(id).day()), window -> new ArrayList<>()).add(id));
        writeAll(stores.windowDays, windows,
                (id, before) -> (before == null ? WindowDay.emptyOf(id) : before).following(daysOf(days, daysByWindow.get(id))),
                lost -> reload(stores.calendarDays, days, lost.stream().flatMap(id -> daysByWindow.get(id).stream()).toList(),
                        CalendarDay::emptyOf));
    }

    /** Each scope's conflict index with the conflict days of the batch folded in, as they now stand. */
    private void writeConflictIndexes(Map<String, Stored<ConflictIndex>> indexes, Map<String, ConflictDay> buckets) {
        Map<String, List<String>> bucketsByScope = new LinkedHashMap<>();
        buckets.keySet().forEach(id -> bucketsByScope.computeIfAbsent(buckets.get(id).scope(), scope -> new ArrayList<>()).add(id));
        writeAll(stores.conflictIndex, indexes,
                (scope, before) -> {
                    ConflictIndex index = before == null ? ConflictIndex.empty(scope) : before;
                    for (String bucket : bucketsByScope.get(scope)) {
                        index = index.with(buckets.get(bucket));
                    }
                    return index;
                },
                lost -> reload(stores.conflictDays, buckets, lost.stream().flatMap(scope -> bucketsByScope.get(scope).stream()).toList(),
                        ConflictDay::emptyOf));
    }

    /**
     * The rule index follows every rule version of the batch (ADR 0068). It is written after the calendar and window days
     * and before the entities, so a crash leaves a rule old and redelivery brings the index up to it; a version only grows,
     * so that is a no-op where it had landed, and a duplicate or late rule state changes nothing.
     */
    private static List<UnaryOperator<RuleIndex>> ruleIndexChanges(List<EntityBatch<?>> entities) {
        Map<String, RuleIndex.Indexed> changed = new LinkedHashMap<>();
        for (EntityBatch<?> batch : entities) {
            if (batch.kind == Rules.KIND) {
                batch.histories().forEach(history -> {
                    Rule rule = (Rule) history.get(history.size() - 1);
                    changed.put(rule.id(), new RuleIndex.Indexed(rule.version(), rule.calendarId()));
                });
            }
        }
        return changed.isEmpty() ? List.of() : List.of(index -> index.withRules(changed));
    }

    /**
     * The rule lists follow every rule state of the batch, written like the rule index: before the
     * entities, newest-wins per rule, so redelivery after a crash changes nothing that had landed.
     */
    private static Map<String, List<RuleList.Placement>> ruleListChanges(List<EntityBatch<?>> entities) {
        Map<String, List<RuleList.Placement>> changes = new LinkedHashMap<>();
        for (EntityBatch<?> batch : entities) {
            if (batch.kind == Rules.KIND) {
                batch.histories().forEach(history -> RuleListPlacements.plan(cast(history), changes));
            }
        }
        return changes;
    }

    /**
     * Each rule's open change requests follow the change requests of the batch, from the state each
     * ended in: in the list while proposed, out once decided. Written before the entities, like the
     * rule index, so a crash leaves the change request old and redelivery applies the same state again.
     */
    private static Map<String, List<UnaryOperator<RuleChangeRequests>>> changeRequestChanges(List<EntityBatch<?>> entities) {
        Map<String, List<UnaryOperator<RuleChangeRequests>>> changes = new LinkedHashMap<>();
        for (EntityBatch<?> batch : entities) {
            if (batch.kind == ChangeRequests.KIND) {
                batch.histories().forEach(history -> {
                    ChangeRequest request = (ChangeRequest) history.get(history.size() - 1);
                    changes.computeIfAbsent(request.ruleId(), rule -> new ArrayList<>()).add(rule -> rule.with(request));
                });
            }
        }
        return changes;
    }

    private static List<CalendarDay> daysOf(Map<String, CalendarDay> days, List<String> ids) {
        return ids.stream().map(days::get).toList();
    }

    private static <S> void reload(DocumentStore<S> store, Map<String, S> into, List<String> ids, Function<String, S> empty) {
        store.load(ids).forEach((id, stored) -> into.put(id, stored.state() == null ? empty.apply(id) : stored.state()));
    }

    private static Set<String> windowIds(Set<String> dayIds) {
        Set<String> ids = new LinkedHashSet<>();
        dayIds.forEach(id -> ids.add(CalendarDay.emptyOf(id).day().toString()));
        return ids;
    }

    private static Set<String> scopes(Set<String> bucketIds) {
        Set<String> scopes = new LinkedHashSet<>();
        bucketIds.forEach(id -> scopes.add(ConflictDay.emptyOf(id).scope()));
        return scopes;
    }

    private static <S> S fold(List<UnaryOperator<S>> changes, S state) {
        S result = state;
        for (UnaryOperator<S> change : changes) {
            result = change.apply(result);
        }
        return result;
    }

    /**
     * Writes each document's change, reading again and recomputing those whose compare-and-set
     * lost; {@code refresh} first re-reads whatever else the change depends on.
     *
     * @return each document's state as written
     */
    static <S> Map<String, S> writeAll(DocumentStore<S> store, Map<String, Stored<S>> loaded,
                                       BiFunction<String, @Nullable S, S> change, Consumer<Set<String>> refresh) {
        Map<String, S> written = new LinkedHashMap<>();
        Map<String, Stored<S>> pending = loaded;
        for (int attempt = 1; ; attempt++) {
            List<Replacement<S>> replacements = new ArrayList<>();
            for (Stored<S> stored : pending.values()) {
                S after = change.apply(stored.id(), stored.state());
                written.put(stored.id(), after);
                replacements.add(new Replacement<>(stored, after));
            }
            Set<String> lost = store.write(replacements);
            if (lost.isEmpty()) {
                return written;
            }
            if (attempt == ATTEMPTS) {
                throw new OptimisticLockingFailureException("gave up writing " + lost.size() + " documents of " + store.name()
                        + " after " + ATTEMPTS + " lost compare-and-set rounds, for example " + lost.iterator().next());
            }
            log.debug("{} documents of {} lost their compare-and-set (attempt {}); reading them again", lost.size(), store.name(), attempt);
            pending = store.load(lost);
            refresh.accept(lost);
        }
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

    @SuppressWarnings("unchecked")
    private static <S> List<S> cast(List<? extends Versioned> history) {
        return (List<S>) history;
    }

    /** The changes of one entity kind in a batch, each entity's in event order. */
    private static final class EntityBatch<S extends Versioned> {

        private final EntityKind<S> kind;
        private final DocumentStore<S> store;
        private final Map<String, List<Step<S>>> steps = new LinkedHashMap<>();
        private Map<String, Stored<S>> loaded = Map.of();
        private final Map<String, List<S>> histories = new LinkedHashMap<>();

        private EntityBatch(EntityKind<S> kind, DocumentStore<S> store) {
            this.kind = kind;
            this.store = store;
        }

        @SuppressWarnings("unchecked")
        static <S extends Versioned> EntityBatch<S> of(EntityKind<S> kind, List<DecidedEvent> events, ReadModelStores stores) {
            EntityBatch<S> batch = new EntityBatch<>(kind, stores.of(kind));
            for (int i = 0; i < events.size(); i++) {
                for (EntityChange<?> change : events.get(i).changes()) {
                    if (change.kind() == kind) {
                        batch.steps.computeIfAbsent(change.id(), id -> new ArrayList<>()).add(new Step<>(i, (EntityChange<S>) change));
                    }
                }
            }
            return batch;
        }

        boolean isEmpty() {
            return steps.isEmpty();
        }

        /** Reads the entities and applies their changes in memory, noting which ones were newer. */
        void replay() {
            loaded = store.load(steps.keySet());
            steps.forEach((id, entitySteps) -> {
                S state = loaded.get(id).state();
                List<S> history = new ArrayList<>();
                if (state != null) {
                    history.add(state);
                }
                for (Step<S> step : entitySteps) {
                    if (step.change.isNewerThan(state)) {
                        state = step.change.transition().from(state);
                        step.applied = true;
                        history.add(state);
                    }
                }
                if (entitySteps.stream().anyMatch(step -> step.applied)) {
                    histories.put(id, history);
                }
            });
        }

        /** Every state of each entity that changed, the stored one first. */
        Iterable<List<S>> histories() {
            return histories.values();
        }

        void write() {
            writeAll(store, loaded, (id, before) -> {
                S state = before;
                for (Step<S> step : steps.get(id)) {
                    state = step.change.applyTo(state);
                }
                if (state == null) {
                    throw new IllegalStateException("no change applied to new entity " + id + " of " + kind.collection());
                }
                return state;
            }, lost -> { });
        }

        void markApplied(boolean[] applied) {
            steps.values().forEach(entitySteps -> entitySteps.forEach(step -> applied[step.event] |= step.applied));
        }
    }

    /** One event's change to one entity, and whether it was newer than the state it met. */
    private static final class Step<S extends Versioned> {

        private final int event;
        private final EntityChange<S> change;
        private boolean applied;

        private Step(int event, EntityChange<S> change) {
            this.event = event;
            this.change = change;
        }
    }
}
