package dev.almanac.query.projection;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.EventCatalog;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.calendar.CalendarProjector;
import dev.almanac.query.conflict.ConflictProjector;
import dev.almanac.query.entry.EntryProjector;
import dev.almanac.query.readmodel.Projector;
import dev.almanac.query.readmodel.ReadModelWrite;
import dev.almanac.query.readmodel.ReadModelWriter;
import dev.almanac.query.rule.RuleProjector;

/**
 * Every projector of this service, and the one place where an event becomes read-model writes.
 * Each projector that reads an event's topic decides the event, and every write of every
 * handling projector is applied: no projector hides an event from another.
 */
@Component
public class Projections {

    private static final List<EventDecider<List<ReadModelWrite>>> PROJECTORS = List.of(
            decider(new CalendarProjector()), decider(new EntryProjector()),
            decider(new RuleProjector()), decider(new ConflictProjector()));

    private final ReadModelWriter writer;

    public Projections(ReadModelWriter writer) {
        this.writer = writer;
    }

    public static List<EventDecider<List<ReadModelWrite>>> projectors() {
        return PROJECTORS;
    }

    /** The topics some projector reads; the listener subscribes to exactly these. */
    public static String[] topics() {
        return EventCatalog.topics().stream()
                .map(contract -> contract.topic())
                .filter(topic -> PROJECTORS.stream().anyMatch(projector -> projector.reads(topic)))
                .toArray(String[]::new);
    }

    /** Applies the event to every read model that follows it, at most once per entity version. */
    public Mono<ProjectionOutcome> apply(ReceivedEvent received) {
        List<ReadModelWrite> writes = writesFor(received);
        if (writes.isEmpty()) {
            return Mono.just(ProjectionOutcome.IGNORED);
        }
        return Flux.fromIterable(writes)
                .concatMap(writer::apply)
                .reduce(false, (changed, write) -> changed || write)
                .map(changed -> changed ? ProjectionOutcome.APPLIED : ProjectionOutcome.ALREADY_APPLIED);
    }

    /**
     * The writes every projector that reads the event's topic decides for it.
     *
     * @throws PoisonMessageException when no projector reads the event's topic
     */
    public List<ReadModelWrite> writesFor(ReceivedEvent received) {
        List<ReadModelWrite> writes = new ArrayList<>();
        boolean decided = false;
        for (EventDecider<List<ReadModelWrite>> projector : PROJECTORS) {
            if (projector.reads(EventCatalog.of(received.event()).topic())) {
                decided = true;
                if (projector.decide(received) instanceof Decision.Handle<List<ReadModelWrite>> handle) {
                    writes.addAll(handle.work());
                }
            }
        }
        if (!decided) {
            throw new PoisonMessageException("no projector of query-service decides " + received.metadata().type());
        }
        return writes;
    }

    private static EventDecider<List<ReadModelWrite>> decider(Projector projector) {
        return EventDecider.of("query-service/" + projector.name(), projector);
    }
}
