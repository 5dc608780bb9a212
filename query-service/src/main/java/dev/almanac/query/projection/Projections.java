package dev.almanac.query.projection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import dev.almanac.events.Topics;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.identity.IdentityProperties;
import dev.almanac.platform.identity.TenancyMode;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.access.AccessProjector;
import dev.almanac.query.audit.AuditProjector;
import dev.almanac.query.calendar.CalendarProjector;
import dev.almanac.query.changerequest.ChangeRequestProjector;
import dev.almanac.query.conflict.ConflictProjector;
import dev.almanac.query.consistency.AppliedBatches;
import dev.almanac.query.entry.EntryProjector;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.ProjectionFollower;
import dev.almanac.query.readmodel.Projector;
import dev.almanac.query.resource.ResourceProjector;
import dev.almanac.query.rule.RuleProjector;
import dev.almanac.query.run.DispatchProjector;
import dev.almanac.query.run.RunProjector;
import dev.almanac.query.window.WindowDayScope;

/**
 * Every projector of this service, and the one place where events become read-model writes.
 * Each projector that reads an event's topic decides the event, and every change of every
 * handling projector is applied: no projector hides an event from another. Events are applied in
 * batches ({@link ProjectionBatch}): a batch reads each document it touches once and writes it
 * once.
 */
@Component
public class Projections implements DisposableBean, AppliedBatches {

    /**
     * The Kafka listener of every topic but the rules and the missed runs, by its id in the container registry; its consumer group stays
     * {@code spring.kafka.consumer.group-id}.
     */
    public static final String LISTENER_ID = "projections";
    /** The Kafka listener of {@code almanac.missed-runs.v1}, in a group of its own ({@code <group-id>-missed-runs}, ADR 0072). */
    public static final String MISSED_RUNS_LISTENER_ID = "missed-run-projection";
    /** The Kafka listener of {@code almanac.rules.v1}, in a group of its own ({@code <group-id>-rules}, ADR 0074). */
    public static final String RULES_LISTENER_ID = "rule-projection";

    private static final List<EventDecider<List<EntityChange<?>>>> PROJECTORS = List.of(
            decider(new CalendarProjector()), decider(new EntryProjector()),
            decider(new RuleProjector()), decider(new ConflictProjector()), decider(new RunProjector()), decider(new DispatchProjector()),
            decider(new AccessProjector()),
            decider(new ChangeRequestProjector()), decider(new ResourceProjector()), decider(new AuditProjector()));

    private final ExecutorService roundSteps;
    private final ProjectionBatch batch;
    private final ProjectedOffsets offsets;
    private final Sinks.Many<List<Applied>> applied = Sinks.many().multicast().directBestEffort();

    public Projections(MongoDatabase database, Duration writeTimeout) {
        this(database, writeTimeout, List.<ProjectionFollower>of());
    }

    /**
     * @param followers the features that keep a record of every batch of their own (the change feed, the audit trail)
     * @param identity  whose tenancy mode says which window days count a calendar's day; single-tenant without it
     */
    @Autowired
    public Projections(MongoDatabase database, @Value("${almanac.query.projection-write-timeout:30s}") Duration writeTimeout,
                       ObjectProvider<ProjectionFollower> followers, ObjectProvider<IdentityProperties> identity) {
        this(database, writeTimeout, followers.orderedStream().toList(),
                WindowDayScope.of(identity.stream().map(IdentityProperties::tenancy).findFirst().orElse(TenancyMode.SINGLE)));
    }

    public Projections(MongoDatabase database, Duration writeTimeout, List<ProjectionFollower> followers) {
        this(database, writeTimeout, followers, WindowDayScope.EVERY_CALENDAR);
    }

    public Projections(MongoDatabase database, Duration writeTimeout, List<ProjectionFollower> followers, WindowDayScope windowDayScope) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("projection-round-");
        threads.setDaemon(true);
        this.roundSteps = Executors.newFixedThreadPool(ProjectionBatch.MAX_STEPS_A_ROUND, threads);
        this.batch = new ProjectionBatch(new ReadModelStores(database, writeTimeout, windowDayScope), roundSteps, followers);
        this.offsets = new ProjectedOffsets(database, writeTimeout);
    }

    @Override
    public void destroy() {
        roundSteps.shutdown();
    }

    ProjectedOffsets offsets() {
        return offsets;
    }

    public static List<EventDecider<List<EntityChange<?>>>> projectors() {
        return PROJECTORS;
    }

    /** The collections that hold one document per entity, stamped with the version of the last event applied to it. */
    public static List<String> entityCollections() {
        return ReadModelStores.ENTITIES.stream().map(kind -> kind.collection()).toList();
    }

    /**
     * The topics the three listeners together subscribe to: those some projector reads, but {@code almanac.occurrences.v1}.
     * Its rule occurrences are computed from the rules' timelines (ADR 0068), and the few of its records that cannot be are
     * read from their copy on {@code almanac.missed-runs.v1} (ADR 0072).
     */
    public static String[] topics() {
        return EventCatalog.topics().stream()
                .map(contract -> contract.topic())
                .filter(topic -> !topic.equals(Topics.OCCURRENCES))
                .filter(topic -> PROJECTORS.stream().anyMatch(projector -> projector.reads(topic)))
                .toArray(String[]::new);
    }

    /** The topics of what people and their tools change, but rules: every subscribed topic but the rules and the missed runs. */
    public static String[] factTopics() {
        return subscribed(topic -> !topic.equals(Topics.MISSED_RUNS) && !topic.equals(Topics.RULES));
    }

    /**
     * The rules, which a listener of their own reads: a load of thousands of rules makes batches whose cost grows with the
     * rules held (each writes the rule lists and the index), and an item must not wait behind them (ADR 0074).
     */
    public static String[] ruleTopics() {
        return subscribed(Topics.RULES::equals);
    }

    /** The missed runs, which a listener of their own reads, so that a burst of them (a long outage) never holds up the rest. */
    public static String[] missedRunTopics() {
        return subscribed(Topics.MISSED_RUNS::equals);
    }

    private static String[] subscribed(Predicate<String> listened) {
        return Arrays.stream(topics()).filter(listened).toArray(String[]::new);
    }

    /**
     * The changes every projector that reads the event's topic decides for it.
     *
     * @throws PoisonMessageException when no projector reads the event's topic
     */
    public DecidedEvent decide(ReceivedEvent received) {
        return decide(received, null);
    }

    /** {@link #decide(ReceivedEvent)} for an event read at {@code position}, which the projection's followers then see. */
    public DecidedEvent decide(ReceivedEvent received, @Nullable RecordPosition position) {
        List<EntityChange<?>> changes = new ArrayList<>();
        boolean decided = false;
        for (EventDecider<List<EntityChange<?>>> projector : PROJECTORS) {
            if (projector.reads(EventCatalog.of(received.event()).topic())) {
                decided = true;
                if (projector.decide(received) instanceof Decision.Handle<List<EntityChange<?>>> handle) {
                    changes.addAll(handle.work());
                }
            }
        }
        if (!decided) {
            throw new PoisonMessageException("no projector of query-service decides " + received.metadata().type());
        }
        return new DecidedEvent(received, changes, position);
    }

    /**
     * Applies the events, in order, to every read model that follows them, at most once per
     * entity version, on the calling thread, which it blocks until every write is done.
     *
     * @return what each event did, in the events' order
     */
    public List<ProjectionOutcome> applyNow(List<DecidedEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<ProjectionOutcome> outcomes = batch.apply(events);
        List<Applied> signal = events.stream().map(Projections::applied).toList();
        // Two listeners apply batches at once: emits go one at a time, so that a waiting read loses no signal to the other.
        synchronized (applied) {
            applied.tryEmitNext(signal);
        }
        return outcomes;
    }

    @Override
    public Flux<List<Applied>> applied() {
        return applied.asFlux();
    }

    /**
     * After each batch this process wrote, once the store's record of how far it holds each partition
     * ({@code projected_offsets}) is raised: the highest offset of each partition the batch read, which the store
     * now holds at least through.
     */
    public Flux<Map<TopicPartition, Long>> held() {
        return offsets.raised();
    }

    /**
     * How far the store holds each of these partitions, whichever replica wrote it: the highest offset held, by key lookup
     * of {@code projected_offsets}; a partition it holds nothing of is left out.
     */
    public Mono<Map<TopicPartition, Long>> heldThrough(Collection<TopicPartition> partitions) {
        return offsets.through(partitions);
    }

    private static Applied applied(DecidedEvent event) {
        return new Applied(EventCatalog.of(event.received().event()).topic(), event.received().metadata().subject(),
                event.received().metadata().aggregateVersion());
    }

    /** {@link #applyNow} for callers that must not block: the batch runs on a thread that may. */
    public Mono<List<ProjectionOutcome>> apply(List<ReceivedEvent> events) {
        return Mono.fromCallable(() -> applyNow(events.stream().map(this::decide).toList())).subscribeOn(Schedulers.boundedElastic());
    }

    /** One event as a batch of its own. */
    public Mono<ProjectionOutcome> apply(ReceivedEvent event) {
        return apply(List.of(event)).map(outcomes -> outcomes.get(0));
    }

    private static EventDecider<List<EntityChange<?>>> decider(Projector projector) {
        return EventDecider.of("query-service/" + projector.name(), projector);
    }
}
