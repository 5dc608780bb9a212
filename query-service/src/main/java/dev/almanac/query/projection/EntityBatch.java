package dev.almanac.query.projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import dev.almanac.query.readmodel.CompareAndSetWrites;
import dev.almanac.query.readmodel.DocumentStore;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.EntityKind;
import dev.almanac.query.readmodel.ProjectedEvent;
import dev.almanac.query.readmodel.Stored;
import dev.almanac.query.readmodel.Versioned;

/**
 * The changes of one entity kind in a batch, each entity's in event order: read by {@code _id}, replayed in memory (each
 * change only if newer than the state it meets), and written last, after everything derived from them.
 */
final class EntityBatch<S extends Versioned> {

    final EntityKind<S> kind;
    private final DocumentStore<S> store;
    private final Map<String, List<Step<S>>> steps = new LinkedHashMap<>();
    private final Map<String, List<S>> histories = new LinkedHashMap<>();
    private Map<String, Stored<S>> loaded = Map.of();

    private EntityBatch(EntityKind<S> kind, DocumentStore<S> store) {
        this.kind = kind;
        this.store = store;
    }

    /**
     * Every entity kind's changes in the events, leaving out the kinds they do not touch.
     *
     * @throws IllegalStateException when a change is of a kind {@link ReadModelStores#ENTITIES} does not name, which would
     *                               otherwise be dropped unwritten
     */
    static List<EntityBatch<?>> of(List<DecidedEvent> events, ReadModelStores stores) {
        events.stream().flatMap(event -> event.changes().stream()).map(EntityChange::kind).distinct()
                .filter(kind -> !ReadModelStores.ENTITIES.contains(kind)).findAny().ifPresent(kind -> {
                    throw new IllegalStateException("a change of " + kind.collection() + ", which no entity store of the projection writes");
                });
        List<EntityBatch<?>> batches = new ArrayList<>();
        for (EntityKind<?> kind : ReadModelStores.ENTITIES) {
            EntityBatch<?> batch = of(kind, events, stores);
            if (!batch.steps.isEmpty()) {
                batches.add(batch);
            }
        }
        return batches;
    }

    @SuppressWarnings("unchecked")
    private static <S extends Versioned> EntityBatch<S> of(EntityKind<S> kind, List<DecidedEvent> events, ReadModelStores stores) {
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
                    step.before = state;
                    state = step.change.transition().from(state);
                    step.after = state;
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
        CompareAndSetWrites.writeAll(store, loaded, (id, before) -> {
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

    /**
     * Adds, under each event's index in the batch, the documents of every entity it changed before and after it: only the
     * changes that were newer than the state they met.
     */
    void stateChanges(Map<Integer, List<ProjectedEvent.StateChange>> byEvent) {
        steps.forEach((id, entitySteps) -> entitySteps.forEach(step -> {
            if (step.applied && step.after != null) {
                Document before = step.before == null ? null : kind.codec().encode(step.before);
                byEvent.computeIfAbsent(step.event, event -> new ArrayList<>())
                        .add(new ProjectedEvent.StateChange(kind.collection(), id, before, kind.codec().encode(step.after)));
            }
        }));
    }

    void markApplied(boolean[] applied) {
        steps.values().forEach(entitySteps -> entitySteps.forEach(step -> applied[step.event] |= step.applied));
    }

    /** One event's change to one entity, and whether it was newer than the state it met. */
    private static final class Step<S extends Versioned> {

        private final int event;
        private final EntityChange<S> change;
        private boolean applied;
        private @Nullable S before;
        private @Nullable S after;

        private Step(int event, EntityChange<S> change) {
            this.event = event;
            this.change = change;
        }
    }
}
